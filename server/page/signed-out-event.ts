/** The stream event that tells a board page its session was signed out; the page's `sse-close` names it. */
export const SIGNED_OUT_EVENT = 'signedout';
