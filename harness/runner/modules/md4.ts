// MD4 (RFC 1320), written here because OpenSSL 3 no longer ships it by default
// and k6/crypto still offers it. Only for compatibility; MD4 is broken.

const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));

export function md4(input: Uint8Array): Uint8Array {
  const bitLength = input.length * 8;
  const padded = new Uint8Array((((input.length + 8) >> 6) + 1) * 64);
  padded.set(input);
  padded[input.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, bitLength >>> 0, true);
  view.setUint32(padded.length - 4, Math.floor(bitLength / 2 ** 32), true);

  let a = 0x67452301;
  let b = 0xefcdab89;
  let c = 0x98badcfe;
  let d = 0x10325476;
  const x = new Array<number>(16);
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) x[i] = view.getUint32(off + i * 4, true);
    const [aa, bb, cc, dd] = [a, b, c, d];
    const f = (p: number, q: number, r: number) => (p & q) | (~p & r);
    const g = (p: number, q: number, r: number) => (p & q) | (p & r) | (q & r);
    const h = (p: number, q: number, r: number) => p ^ q ^ r;
    const X = (i: number) => x[i] as number;
    for (const i of [0, 4, 8, 12]) {
      a = rotl(a + f(b, c, d) + X(i), 3);
      d = rotl(d + f(a, b, c) + X(i + 1), 7);
      c = rotl(c + f(d, a, b) + X(i + 2), 11);
      b = rotl(b + f(c, d, a) + X(i + 3), 19);
    }
    for (const i of [0, 1, 2, 3]) {
      a = rotl(a + g(b, c, d) + X(i) + 0x5a827999, 3);
      d = rotl(d + g(a, b, c) + X(i + 4) + 0x5a827999, 5);
      c = rotl(c + g(d, a, b) + X(i + 8) + 0x5a827999, 9);
      b = rotl(b + g(c, d, a) + X(i + 12) + 0x5a827999, 13);
    }
    for (const i of [0, 2, 1, 3]) {
      a = rotl(a + h(b, c, d) + X(i) + 0x6ed9eba1, 3);
      d = rotl(d + h(a, b, c) + X(i + 8) + 0x6ed9eba1, 9);
      c = rotl(c + h(d, a, b) + X(i + 4) + 0x6ed9eba1, 11);
      b = rotl(b + h(c, d, a) + X(i + 12) + 0x6ed9eba1, 15);
    }
    a = (a + aa) >>> 0;
    b = (b + bb) >>> 0;
    c = (c + cc) >>> 0;
    d = (d + dd) >>> 0;
  }
  const out = new Uint8Array(16);
  const ov = new DataView(out.buffer);
  [a, b, c, d].forEach((w, i) => ov.setUint32(i * 4, w, true));
  return out;
}

/** HMAC (RFC 2104) over MD4, block size 64. */
export function hmacMd4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const k = new Uint8Array(64);
  k.set(key.length > 64 ? md4(key) : key);
  const inner = new Uint8Array(64 + data.length);
  const outer = new Uint8Array(64 + 16);
  for (let i = 0; i < 64; i++) {
    inner[i] = (k[i] as number) ^ 0x36;
    outer[i] = (k[i] as number) ^ 0x5c;
  }
  inner.set(data, 64);
  outer.set(md4(inner), 64);
  return md4(outer);
}
