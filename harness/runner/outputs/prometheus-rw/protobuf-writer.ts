// The few protobuf wire-format primitives a remote-write WriteRequest needs:
// varints, length-delimited fields and 64-bit doubles. Hand-written because
// the message is tiny and fixed (prompb's WriteRequest, types.proto).

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH_DELIMITED = 2;

export class ProtobufWriter {
  private chunks: Uint8Array[] = [];
  private length = 0;

  get byteLength(): number {
    return this.length;
  }

  /** Field of type string. */
  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  /** Field of an embedded message (or bytes). */
  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.varint(value.byteLength);
    return this.push(value);
  }

  /** Field of type double. */
  double(field: number, value: number): this {
    this.tag(field, WIRE_FIXED64);
    const buffer = new Uint8Array(8);
    new DataView(buffer.buffer).setFloat64(0, value, true);
    return this.push(buffer);
  }

  /** Field of type double given as its 64 bits (high, low words): NaN payloads such as Prometheus' stale marker survive. */
  doubleBits(field: number, high: number, low: number): this {
    this.tag(field, WIRE_FIXED64);
    const buffer = new Uint8Array(8);
    const view = new DataView(buffer.buffer);
    view.setUint32(0, low >>> 0, true);
    view.setUint32(4, high >>> 0, true);
    return this.push(buffer);
  }

  /** Field of type int64 (non-negative values only: timestamps). */
  int64(field: number, value: number): this {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`int64 field ${field}: expected a non-negative safe integer, got ${value}`);
    this.tag(field, WIRE_VARINT);
    return this.varint(value);
  }

  /** Field of type uint64/uint32 (non-negative safe integers). */
  uint(field: number, value: number): this {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`uint field ${field}: expected a non-negative safe integer, got ${value}`);
    this.tag(field, WIRE_VARINT);
    return this.varint(value);
  }

  /** Field of type sint32/sint64 (zigzag), e.g. a histogram span offset. */
  sint(field: number, value: number): this {
    this.tag(field, WIRE_VARINT);
    return this.varint(zigzag(value));
  }

  /** Packed repeated sint64 (proto3 packs repeated scalars), e.g. histogram bucket deltas. */
  packedSint(field: number, values: readonly number[]): this {
    if (values.length === 0) return this;
    const inner = new ProtobufWriter();
    for (const v of values) inner.varint(zigzag(v));
    return this.bytes(field, inner.finish());
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.byteLength;
    }
    return out;
  }

  private tag(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  /** Base-128 varint (no tag); arithmetic rather than bit ops so values above 2^32 (ms timestamps) survive. */
  private varint(value: number): this {
    const bytes: number[] = [];
    let rest = value;
    while (rest >= 0x80) {
      bytes.push((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    bytes.push(rest);
    return this.push(Uint8Array.from(bytes));
  }

  private push(chunk: Uint8Array): this {
    this.chunks.push(chunk);
    this.length += chunk.byteLength;
    return this;
  }
}

/** Zigzag: 0, -1, 1, -2 … → 0, 1, 2, 3 …; arithmetic, so 64-bit-range safe integers survive. */
function zigzag(value: number): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`sint: expected a safe integer, got ${value}`);
  return value >= 0 ? value * 2 : -value * 2 - 1;
}
