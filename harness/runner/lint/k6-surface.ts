// What real k6 offers a script, from k6's JavaScript API docs: its modules with
// their named exports, and the host globals Node has but k6 does not. The
// linter holds scenarios to this, not to what the swaglab runner happens to accept.

/** k6 modules and the names they export (`default` where k6 documents a default export). */
export const K6_MODULES: Readonly<Record<string, readonly string[]>> = {
  k6: ['check', 'fail', 'group', 'randomSeed', 'sleep'],
  'k6/crypto': [
    'default',
    'createHash',
    'createHMAC',
    'hmac',
    'md4',
    'md5',
    'randomBytes',
    'ripemd160',
    'sha1',
    'sha256',
    'sha384',
    'sha512',
    'sha512_224',
    'sha512_256',
  ],
  'k6/data': ['SharedArray'],
  'k6/encoding': ['default', 'b64decode', 'b64encode'],
  'k6/execution': ['default'],
  'k6/html': ['parseHTML'],
  'k6/http': [
    'default',
    'asyncRequest',
    'batch',
    'cookieJar',
    'CookieJar',
    'del',
    'expectedStatuses',
    'file',
    'get',
    'head',
    'options',
    'patch',
    'post',
    'put',
    'request',
    'setResponseCallback',
    'url',
    'TLS_1_0',
    'TLS_1_1',
    'TLS_1_2',
    'TLS_1_3',
    'OCSP_STATUS_GOOD',
    'OCSP_STATUS_REVOKED',
    'OCSP_STATUS_UNKNOWN',
  ],
  'k6/metrics': ['Counter', 'Gauge', 'Rate', 'Trend'],
  'k6/net/grpc': ['default', 'Client', 'Stream', 'StatusOK'],
  'k6/timers': ['clearInterval', 'clearTimeout', 'setInterval', 'setTimeout'],
  'k6/websockets': ['WebSocket', 'Blob'],
  'k6/ws': ['default', 'connect'],
};

/** Deprecated aliases k6 still loads; the linter asks for the current name. */
export const K6_RENAMED: Readonly<Record<string, string>> = {
  'k6/experimental/websockets': 'k6/websockets',
  'k6/experimental/timers': 'k6/timers',
};

/** Node (or browser) globals a k6 VU does not have, with what to use instead. */
export const HOST_ONLY_GLOBALS: Readonly<Record<string, string>> = {
  process: '__ENV for environment variables',
  require: 'an import statement',
  module: 'export statements',
  Buffer: 'ArrayBuffer/Uint8Array, or k6/encoding',
  global: 'module-level variables',
  __dirname: 'open() with a path relative to the script',
  __filename: 'open() with a path relative to the script',
  setImmediate: 'setTimeout(fn, 0) from k6/timers',
  clearImmediate: 'clearTimeout from k6/timers',
  structuredClone: 'JSON.parse(JSON.stringify(x))',
  fetch: 'k6/http',
  atob: 'b64decode from k6/encoding',
  btoa: 'b64encode from k6/encoding',
  performance: 'Date.now()',
};

export const READY_STATES = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'] as const;
