/**
 * The one catalogue of SwagBoard error codes. A code is never reused for another meaning.
 * `wsClose` is the WebSocket close code sent after the error frame, or null when the socket survives.
 * `retryAfterSeconds`, where set, goes out as REST's `Retry-After`: the client may try again after that long.
 * Codes are also the `code` label of swagboard_errors_total, so this table bounds that label.
 */
export const ERRORS = {
  E_BAD_JSON: { status: 400, wsClose: null, message: 'frame is not valid JSON' },
  E_UNKNOWN_TYPE: { status: 400, wsClose: null, message: 'unknown message type' },
  E_BAD_FRAME: { status: 400, wsClose: null, message: 'message is missing a field or has a field of the wrong type' },
  E_FRAME_TOO_LARGE: { status: 413, wsClose: null, message: 'frame is larger than the limit' },
  E_BINARY_FRAME: { status: 400, wsClose: null, message: 'binary frames are not accepted; send JSON text' },
  E_HELLO_REQUIRED: { status: 400, wsClose: null, message: 'send hello before any other message' },
  E_ALREADY_HELLO: { status: 400, wsClose: null, message: 'hello was already accepted on this connection' },
  E_UNSUPPORTED_VERSION: { status: 400, wsClose: 4002, message: 'unsupported protocol version' },
  E_UNKNOWN_BOARD: { status: 400, wsClose: null, message: 'board is not joined on this connection' },
  E_BOARD_NOT_FOUND: { status: 404, wsClose: null, message: 'board does not exist' },
  E_TASK_NOT_FOUND: { status: 404, wsClose: null, message: 'task does not exist on this board' },
  E_NOT_FOUND: { status: 404, wsClose: null, message: 'no such route' },
  E_UNAVAILABLE: { status: 503, wsClose: null, message: 'a dependency is unavailable; retry later' },
  E_SHUTTING_DOWN: { status: 503, wsClose: 1001, message: 'server is shutting down' },
  E_INTERNAL: { status: 500, wsClose: null, message: 'internal error' },
  E_AUTH: {
    status: 401,
    wsClose: 4001,
    message: 'not signed in, or the token or session is invalid, expired or revoked',
  },
  E_FORBIDDEN: { status: 403, wsClose: null, message: 'you are not a member of this board' },
  E_USERNAME_TAKEN: { status: 409, wsClose: null, message: 'username is taken' },
  E_BOARD_EXISTS: { status: 409, wsClose: null, message: 'board already exists' },
  E_USER_NOT_FOUND: { status: 404, wsClose: null, message: 'no such user' },
  E_ASSIGNEE_NOT_MEMBER: { status: 422, wsClose: null, message: 'the assignee is not a member of this board' },
  E_RATE_LIMITED: { status: 429, wsClose: null, message: 'too many messages; slow down' },
  E_FLOODING: { status: 429, wsClose: 4029, message: 'kept sending while rate limited' },
  E_SLOW_CONSUMER: { status: 503, wsClose: 4008, message: 'client reads too slowly; reconnect and resume' },
  E_OVERLOADED: {
    status: 503,
    wsClose: null,
    message: 'replica is at its connection limit; try another replica or later',
  },
  E_UNSUPPORTED_MEDIA_TYPE: { status: 415, wsClose: null, message: 'request body is not application/json' },
  E_BOARD_BUSY: {
    status: 503,
    wsClose: null,
    message: 'too many writes are pending on this board; retry shortly',
    retryAfterSeconds: 1,
  },
  E_BAD_FORM: { status: 400, wsClose: null, message: 'a form field is missing or invalid' },
  E_FORM_NOT_FROM_PAGE: { status: 403, wsClose: null, message: 'form posts must come from the page' },
} as const satisfies Record<
  string,
  { status: number; wsClose: number | null; message: string; retryAfterSeconds?: number }
>;

export type ErrorCode = keyof typeof ERRORS;

export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

/** An expected, client-facing failure. Anything else that is thrown is reported as E_INTERNAL. */
export class SwagError extends Error {
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    cause?: unknown,
  ) {
    super(detail ?? ERRORS[code].message, cause === undefined ? undefined : { cause });
    this.name = 'SwagError';
  }

  get status(): number {
    return ERRORS[this.code].status;
  }

  get wsClose(): number | null {
    return ERRORS[this.code].wsClose;
  }
}

export function toSwagError(error: unknown): SwagError {
  return error instanceof SwagError ? error : new SwagError('E_INTERNAL');
}
