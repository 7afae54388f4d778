// Script values k6's encoding and crypto functions accept as input.

/** A string (UTF-8), an ArrayBuffer, a typed array or DataView, or an array of byte values. */
export function toBytes(input: unknown, what: string): Uint8Array {
  if (typeof input === 'string') return new Uint8Array(Buffer.from(input, 'utf8'));
  // Values come from the VU's realm: instanceof ArrayBuffer would be false there.
  const tag = Object.prototype.toString.call(input);
  if (tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]')
    return new Uint8Array(input as ArrayBuffer);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (Array.isArray(input) && input.every((v) => Number.isInteger(v) && v >= 0 && v <= 255))
    return Uint8Array.from(input as number[]);
  throw new TypeError(`${what}: expected a string or an ArrayBuffer, got ${input === null ? 'null' : typeof input}`);
}

/**
 * A fresh ArrayBuffer holding exactly these bytes. Pass the VU's own constructor
 * (VuApi.realmArrayBuffer) for values handed to a script: `x instanceof ArrayBuffer`
 * there compares with the VU realm's ArrayBuffer, not this one.
 */
export function toArrayBuffer(bytes: Uint8Array, Realm: ArrayBufferConstructor = ArrayBuffer): ArrayBuffer {
  const out = new Realm(bytes.byteLength);
  new Uint8Array(out).set(bytes);
  return out;
}
