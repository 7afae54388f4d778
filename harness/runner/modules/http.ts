import type { VuApi } from '../script/vu-api.ts';
import { parseDuration } from '../../../reports/units/duration.ts';
import { stringTags } from './k6-core.ts';
import { requestSync, type RawRequest, type RawResponse } from './http-sync.ts';
import { markBlocking, NOT_AWAITABLE_HINT, takeAwaiting } from '../script/blocking-bridge.ts';

interface Params {
  headers?: Record<string, unknown>;
  tags?: Record<string, unknown>;
  timeout?: string | number;
  responseType?: 'text' | 'binary' | 'none';
}

type Body = string | ArrayBuffer | ArrayBufferView | Record<string, unknown> | null | undefined;

/**
 * `k6/http`: request/get/post/put/patch/del/head/options and asyncRequest.
 * The "blocking" calls block the calling VU only: the transform (script/
 * blocking-transform.ts) awaits them, so they run like asyncRequest. Reached
 * by a path it missed, they block the thread in setup()/teardown() (see
 * http-sync.ts) and fail loudly in VU code.
 * Emits http_reqs, http_req_duration, http_req_failed, data_sent/received.
 * Not implemented: batch, cookie jars, file uploads, TLS options, per-phase timings.
 */
export function createHttpModule(vu: VuApi) {
  function toRaw(method: string, url: string, body: Body, params: Params | undefined): RawRequest {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(params?.headers ?? {})) headers[k] = String(v);
    let payload: string | Uint8Array | undefined;
    if (body === null || body === undefined) payload = undefined;
    else if (typeof body === 'string') payload = body;
    else if (body instanceof ArrayBuffer) payload = new Uint8Array(body);
    else if (ArrayBuffer.isView(body)) payload = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    else {
      // k6 sends a plain object as a form, not as JSON
      payload = new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)])).toString();
      headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
    }
    const timeoutMs =
      params?.timeout === undefined ? 60_000 : parseDuration(params.timeout, { bareUnit: 'ms', what: 'http timeout' });
    return { method: method.toUpperCase(), url: String(url), headers, body: payload, timeoutMs };
  }

  function record(req: RawRequest, res: RawResponse, params: Params | undefined) {
    const failed = res.status < 200 || res.status > 399;
    const tags = vu.tags({
      ...stringTags(params?.tags),
      method: req.method,
      url: req.url,
      name: String(params?.tags?.name ?? req.url),
      status: String(res.status),
      expected_response: String(!failed),
      ...(res.error ? { error: res.error } : {}),
    });
    vu.emit('http_reqs', 1, tags);
    vu.emit('http_req_duration', res.durationMs, tags);
    vu.emit('http_req_failed', failed ? 1 : 0, tags);
    const reqBytes =
      req.url.length + (typeof req.body === 'string' ? Buffer.byteLength(req.body) : (req.body?.byteLength ?? 0));
    vu.emit('data_sent', reqBytes, tags);
    vu.emit('data_received', res.body.byteLength, tags);
    return toResponse(req, res, params);
  }

  function toResponse(req: RawRequest, res: RawResponse, params: Params | undefined) {
    const text =
      params?.responseType === 'none'
        ? null
        : params?.responseType === 'binary'
          ? res.body.slice().buffer
          : Buffer.from(res.body).toString('utf8');
    return {
      status: res.status,
      status_text: res.statusText,
      url: res.url || req.url,
      headers: res.headers,
      body: text,
      error: res.error ?? '',
      error_code: res.error ? 1000 : 0,
      timings: { duration: res.durationMs },
      request: { method: req.method, url: req.url, headers: req.headers },
      json(selector?: string) {
        if (typeof text !== 'string') throw new Error('response body is not text; set responseType "text"');
        const value = JSON.parse(text) as unknown;
        if (!selector) return value;
        return selector
          .split('.')
          .reduce<unknown>((acc, key) => (acc as Record<string, unknown> | undefined)?.[key], value);
      },
    };
  }

  function request(method: string, url: string, body?: Body, params?: Params) {
    const awaited = takeAwaiting(vu);
    if (vu.inInit) throw new Error('http requests cannot be made in the init context');
    const req = toRaw(method, url, body, params);
    if (awaited) return send(req, params);
    if (vu.scenario) throw new Error(`http.${method.toLowerCase()}() cannot block this VU here: ${NOT_AWAITABLE_HINT}`);
    return record(req, requestSync(req), params); // setup()/teardown(): no VU iterates meanwhile
  }

  function asyncRequest(method: string, url: string, body?: Body, params?: Params) {
    if (vu.inInit) return Promise.reject(new Error('http requests cannot be made in the init context'));
    return send(toRaw(method, url, body, params), params);
  }

  async function send(req: RawRequest, params: Params | undefined) {
    const abort = new AbortController();
    const handle = vu.loop.ref(() => abort.abort());
    const started = performance.now();
    let raw: RawResponse;
    try {
      const res = await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: AbortSignal.any([abort.signal, AbortSignal.timeout(req.timeoutMs)]),
      });
      const buf = new Uint8Array(await res.arrayBuffer());
      raw = {
        status: res.status,
        statusText: res.statusText,
        headers: Object.fromEntries(res.headers),
        body: buf,
        url: res.url,
        durationMs: performance.now() - started,
      };
    } catch (e) {
      if (abort.signal.aborted) return new Promise<never>(() => {}); // interrupted: the iteration is gone
      const err = e as Error & { cause?: { message?: string } };
      raw = {
        status: 0,
        statusText: '',
        headers: {},
        body: new Uint8Array(),
        url: req.url,
        error: err.cause?.message ?? err.message,
        durationMs: performance.now() - started,
      };
    }
    // Released a turn later so a `.then()` chained by the script still runs inside this iteration.
    setImmediate(() => handle.release());
    return record(req, raw, params);
  }

  return {
    request: markBlocking(request),
    asyncRequest,
    get: markBlocking((url: string, params?: Params) => request('GET', url, null, params)),
    head: markBlocking((url: string, params?: Params) => request('HEAD', url, null, params)),
    options: markBlocking((url: string, body?: Body, params?: Params) => request('OPTIONS', url, body, params)),
    post: markBlocking((url: string, body?: Body, params?: Params) => request('POST', url, body, params)),
    put: markBlocking((url: string, body?: Body, params?: Params) => request('PUT', url, body, params)),
    patch: markBlocking((url: string, body?: Body, params?: Params) => request('PATCH', url, body, params)),
    del: markBlocking((url: string, body?: Body, params?: Params) => request('DELETE', url, body, params)),
  };
}
