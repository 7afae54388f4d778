// SwagBoard page glue, no framework: JSON form posts for the auth API, a toast for failed requests,
// the live indicator, and clearing the create form after a post.
(function () {
  "use strict";

  htmx.defineExtension("json-form", {
    onEvent: function (name, event) {
      if (name === "htmx:configRequest") event.detail.headers["Content-Type"] = "application/json";
    },
    encodeParameters: function (xhr, parameters) {
      xhr.overrideMimeType("text/json");
      var body = {};
      parameters.forEach(function (value, key) { body[key] = value; });
      return JSON.stringify(body);
    },
  });

  var toastTimer;
  function toast(message) {
    var element = document.getElementById("toast");
    if (!element) return;
    element.textContent = message;
    element.classList.remove("opacity-0");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { element.classList.add("opacity-0"); }, 4000);
  }

  function errorMessage(xhr) {
    try {
      var body = JSON.parse(xhr.responseText);
      if (body && body.error && body.error.message) return body.error.message;
    } catch (ignored) {}
    return xhr.responseText || "Request failed (" + xhr.status + ")";
  }

  var root = function () { return document.body.getAttribute("data-root") || ""; };

  document.addEventListener("htmx:afterRequest", function (event) {
    var element = event.detail.elt;
    var xhr = event.detail.xhr;
    if (element.hasAttribute("data-auth-form")) {
      if (!event.detail.successful) {
        element.querySelector("[data-auth-error]").textContent = errorMessage(xhr);
        return;
      }
      var next = function () { window.location.href = element.getAttribute("data-next"); };
      if (!element.hasAttribute("data-then-signin")) return next();
      // Sign-up creates the account only; sign in with the same credentials to get the session cookie.
      var body = {};
      new FormData(element).forEach(function (value, key) { body[key] = value; });
      fetch("api/auth/signin", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
        .then(function (response) { if (response.ok) next(); else window.location.href = "signin"; });
      return;
    }
    if (element.hasAttribute("data-add-member")) {
      var result = element.querySelector("[data-member-result]");
      if (event.detail.successful) {
        result.textContent = JSON.parse(xhr.responseText).member.username + " can now open this board.";
        element.reset();
      } else result.textContent = errorMessage(xhr);
      return;
    }
    if (element.hasAttribute("data-signout") && event.detail.successful) {
      window.location.href = root() + "signin";
      return;
    }
    if (element.hasAttribute("data-create-form") && event.detail.successful) element.reset();
  });

  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var elt = event.detail.elt;
    if (elt.hasAttribute("data-auth-form") || elt.hasAttribute("data-add-member")) return;
    if (xhr.status === 401) window.location.href = root() + "signin";
    else toast(errorMessage(xhr));
  });

  document.addEventListener("htmx:sendError", function () { toast("The server did not answer; retrying may help."); });

  function live(state) {
    var dot = document.querySelector("[data-live-dot]");
    var label = document.querySelector("[data-live-label]");
    if (!dot || !label) return;
    dot.className = "size-2 rounded-full " + (state === "live" ? "bg-emerald-500" : "bg-amber-400");
    label.textContent = state;
  }
  document.addEventListener("htmx:sseOpen", function () { live("live"); });
  document.addEventListener("htmx:sseError", function () { live("reconnecting"); });
  // The session was signed out (in another tab, maybe on another replica): the board's sse-close ended the stream.
  document.addEventListener("htmx:sseClose", function (event) {
    if (event.detail && event.detail.type === "message") window.location.href = root() + "signin";
  });
})();
