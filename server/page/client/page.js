// SwagBoard page glue, no framework: JSON form posts for the auth API, a toast for failed requests,
// the live indicator, clearing the create form after a post, and moving cards by drag-and-drop or arrow keys.
(function () {
  'use strict';

  htmx.defineExtension('json-form', {
    onEvent: function (name, event) {
      if (name === 'htmx:configRequest') event.detail.headers['Content-Type'] = 'application/json';
    },
    encodeParameters: function (xhr, parameters) {
      xhr.overrideMimeType('text/json');
      var body = {};
      parameters.forEach(function (value, key) {
        body[key] = value;
      });
      return JSON.stringify(body);
    },
  });

  var toastTimer;
  function toast(message) {
    var element = document.getElementById('toast');
    if (!element) return;
    element.textContent = message;
    element.classList.remove('opacity-0');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () {
      element.classList.add('opacity-0');
    }, 4000);
  }

  function errorMessage(xhr) {
    try {
      var body = JSON.parse(xhr.responseText);
      if (body && body.error && body.error.message) return body.error.message;
    } catch (ignored) {}
    return xhr.responseText || 'Request failed (' + xhr.status + ')';
  }

  var root = function () {
    return document.body.getAttribute('data-root') || '';
  };
  // A sign-out is told twice (its own response, and the stream's signedout event): navigate once, since a
  // second navigation would abort the first.
  var leaving = false;
  function toSignin() {
    if (leaving) return;
    leaving = true;
    window.location.href = root() + 'signin';
  }

  document.addEventListener('htmx:afterRequest', function (event) {
    var element = event.detail.elt;
    var xhr = event.detail.xhr;
    if (element.hasAttribute('data-auth-form')) {
      if (!event.detail.successful) {
        element.querySelector('[data-auth-error]').textContent = errorMessage(xhr);
        return;
      }
      var next = function () {
        window.location.href = element.getAttribute('data-next');
      };
      if (!element.hasAttribute('data-then-signin')) return next();
      // Sign-up creates the account only; sign in with the same credentials to get the session cookie.
      var body = {};
      new FormData(element).forEach(function (value, key) {
        body[key] = value;
      });
      fetch('api/auth/signin', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }).then(function (response) {
        if (response.ok) next();
        else window.location.href = 'signin';
      });
      return;
    }
    if (element.hasAttribute('data-add-member')) {
      var result = element.querySelector('[data-member-result]');
      if (event.detail.successful) {
        result.textContent = JSON.parse(xhr.responseText).member.username + ' can now open this board.';
        element.reset();
      } else result.textContent = errorMessage(xhr);
      return;
    }
    if (element.hasAttribute('data-signout') && event.detail.successful) {
      toSignin();
      return;
    }
    if (element.hasAttribute('data-create-form') && event.detail.successful) element.reset();
  });

  document.addEventListener('htmx:responseError', function (event) {
    var xhr = event.detail.xhr;
    var elt = event.detail.elt;
    if (elt.hasAttribute('data-auth-form') || elt.hasAttribute('data-add-member')) return;
    if (xhr.status === 401) toSignin();
    else toast(errorMessage(xhr));
  });

  document.addEventListener('htmx:sendError', function () {
    toast('The server did not answer; retrying may help.');
  });

  function live(state) {
    var dot = document.querySelector('[data-live-dot]');
    var label = document.querySelector('[data-live-label]');
    if (!dot || !label) return;
    dot.className = 'size-2 rounded-full ' + (state === 'live' ? 'bg-emerald-500' : 'bg-amber-400');
    label.textContent = state;
  }
  document.addEventListener('htmx:sseOpen', function () {
    live('live');
  });
  document.addEventListener('htmx:sseError', function () {
    live('reconnecting');
  });
  // The session was signed out (in another tab, maybe on another replica): the board's sse-close ended the stream.
  document.addEventListener('htmx:sseClose', function (event) {
    if (event.detail && event.detail.type === 'message') toSignin();
  });

  // ---- Moving cards. Every move posts to the card's own move URL, as its buttons do; the server applies the
  // store's position rules and the change comes back over the stream, on this page as on every other.

  var announcer = function () {
    return document.querySelector('[data-move-announcer]');
  };
  function announce(text) {
    var element = announcer();
    if (element) element.textContent = text;
  }

  function postMove(card, values) {
    return htmx.ajax('POST', card.getAttribute('data-move-url'), { values: values, swap: 'none', source: card });
  }

  var cardOf = function (element) {
    return element && element.closest ? element.closest('article[data-task]') : null;
  };
  var columnOf = function (element) {
    return element && element.closest ? element.closest('section[data-column-id]') : null;
  };
  var titleOf = function (card) {
    return card.querySelector('[data-title]').textContent;
  };

  // Text in a card's fields must stay selectable: a card is draggable only while not pressed on a control.
  document.addEventListener('pointerdown', function (event) {
    var card = cardOf(event.target);
    if (card) card.draggable = !event.target.closest('input, textarea, select, button, a, summary, label');
  });

  var dragged = null;
  var marker = document.createElement('div');
  marker.setAttribute('data-drop-marker', '');
  marker.setAttribute('aria-hidden', 'true');

  function clearDrag() {
    if (dragged) dragged.removeAttribute('data-dragging');
    dragged = null;
    marker.remove();
    document.querySelectorAll('[data-drop-target]').forEach(function (column) {
      column.removeAttribute('data-drop-target');
    });
  }

  document.addEventListener('dragstart', function (event) {
    var card = cardOf(event.target);
    if (!card || event.target !== card) return;
    dragged = card;
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', card.getAttribute('data-task'));
    marker.style.height = card.offsetHeight + 'px';
    // After the browser has taken its drag image of the card as it is.
    requestAnimationFrame(function () {
      if (dragged === card) card.setAttribute('data-dragging', '');
    });
  });

  /** The card a drop at `y` would land before in `cards` (null: the end). */
  function cardBelow(cards, y) {
    var children = cards.querySelectorAll(':scope > article[data-task]:not([data-dragging])');
    for (var i = 0; i < children.length; i++) {
      var box = children[i].getBoundingClientRect();
      if (y < box.top + box.height / 2) return children[i];
    }
    return null;
  }

  document.addEventListener('dragover', function (event) {
    var column = columnOf(event.target);
    if (!dragged || !column) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    document.querySelectorAll('[data-drop-target]').forEach(function (other) {
      if (other !== column) other.removeAttribute('data-drop-target');
    });
    column.setAttribute('data-drop-target', '');
    var cards = column.querySelector('[data-cards]');
    var before = cardBelow(cards, event.clientY);
    if (before !== marker.nextElementSibling || marker.parentNode !== cards) cards.insertBefore(marker, before);
  });

  document.addEventListener('drop', function (event) {
    var column = columnOf(event.target);
    if (!dragged || !column) return;
    event.preventDefault();
    // A fragment may have replaced the card during the drag (someone edited it): move the one on the page.
    var card = dragged.isConnected ? dragged : document.getElementById(dragged.id);
    var cards = column.querySelector('[data-cards]');
    if (!card) return clearDrag();
    var next = marker.nextElementSibling;
    while (next && next === card) next = next.nextElementSibling;
    var targetColumn = column.getAttribute('data-column-id');
    var unchanged =
      marker.parentNode === cards &&
      card.parentNode === cards &&
      (card.nextElementSibling === marker || marker.nextElementSibling === card);
    if (unchanged) return clearDrag();
    // Shown where it lands straight away; the stream's fragment then puts it where the server did. A refused
    // move (the toast says why) puts it back.
    var home = { parent: card.parentNode, next: card.nextSibling };
    if (marker.parentNode === cards) cards.insertBefore(card, marker);
    clearDrag();
    var values = { column: targetColumn };
    if (next && next.matches('article[data-task]')) values.before = next.getAttribute('data-task');
    announce('Moved ' + titleOf(card) + ' to ' + column.getAttribute('data-column-label') + '.');
    postMove(card, values).then(function () {
      if (!card.hasAttribute('data-move-refused')) return;
      card.removeAttribute('data-move-refused');
      if (card.isConnected && home.parent.isConnected)
        home.parent.insertBefore(card, home.next && home.next.parentNode === home.parent ? home.next : null);
    });
  });
  document.addEventListener('htmx:responseError', function (event) {
    if (event.detail.elt.matches && event.detail.elt.matches('article[data-task]'))
      event.detail.elt.setAttribute('data-move-refused', '');
  });

  document.addEventListener('dragend', clearDrag);

  // Keyboard: a focused card moves with the arrow keys. Its fragment replaces it, so focus follows the new card.
  var focusAfterMove = null;
  document.addEventListener('keydown', function (event) {
    var card = event.target;
    if (
      !card.matches ||
      !card.matches('article[data-task]') ||
      event.altKey ||
      event.ctrlKey ||
      event.metaKey ||
      event.shiftKey
    )
      return;
    var columns = Array.prototype.slice.call(document.querySelectorAll('section[data-column-id]'));
    var index = columns.indexOf(columnOf(card));
    var values;
    if (event.key === 'ArrowUp') values = { offset: -1 };
    else if (event.key === 'ArrowDown') values = { offset: 1 };
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      var target = columns[index + (event.key === 'ArrowLeft' ? -1 : 1)];
      if (!target)
        return announce(
          titleOf(card) + ' is already in the ' + (event.key === 'ArrowLeft' ? 'first' : 'last') + ' column.',
        );
      values = { column: target.getAttribute('data-column-id') };
    } else return;
    event.preventDefault();
    focusAfterMove = card.getAttribute('data-task');
    postMove(card, values);
  });

  new MutationObserver(function (records) {
    if (!focusAfterMove) return;
    var card = document.getElementById('task-' + focusAfterMove);
    if (
      !card ||
      !records.some(function (record) {
        return Array.prototype.indexOf.call(record.addedNodes, card) >= 0;
      })
    )
      return;
    focusAfterMove = null;
    card.focus();
    var column = columnOf(card);
    var siblings = Array.prototype.slice.call(card.parentNode.querySelectorAll(':scope > article[data-task]'));
    announce(
      'Moved ' +
        titleOf(card) +
        ' to ' +
        column.getAttribute('data-column-label') +
        ', card ' +
        (siblings.indexOf(card) + 1) +
        ' of ' +
        siblings.length +
        '.',
    );
  }).observe(document.documentElement, { childList: true, subtree: true });

  // An empty tag filter is the whole board (an empty ?tag= would be refused as a bad tag).
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.hasAttribute('data-tag-filter')) return;
    var input = form.querySelector('input[name="tag"]');
    input.value = input.value.trim().toLowerCase();
    if (input.value === '') {
      event.preventDefault();
      window.location.href = form.getAttribute('action');
    }
  });
})();
