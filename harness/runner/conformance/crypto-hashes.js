// k6 docs (k6/crypto): the hash functions with hex/base64 output; inputs from
// the RFC 1320/1321 and FIPS 180 test vectors, and the docs' own example.
import crypto from 'k6/crypto';
import { check } from 'k6';

export const options = { iterations: 1 };

export default function () {
  const bin = new Uint8Array([104, 101, 108, 108, 111, 32, 119, 111, 114, 108, 100, 33]).buffer;
  check(null, {
    'sha256 (docs example)': () =>
      crypto.sha256('hello world!', 'hex') === '7509e5bda0c762d2bac7f90d758b5b2263fa01ccbc542ab5e3df163be08e6ca9',
    'sha256 of an ArrayBuffer': () =>
      crypto.sha256(bin, 'hex') === '7509e5bda0c762d2bac7f90d758b5b2263fa01ccbc542ab5e3df163be08e6ca9',
    md4: () => crypto.md4('abc', 'hex') === 'a448017aaf21d8525fc10ae87aa6729d',
    md5: () => crypto.md5('abc', 'hex') === '900150983cd24fb0d6963f7d28e17f72',
    sha1: () => crypto.sha1('abc', 'hex') === 'a9993e364706816aba3e25717850c26c9cd0d89d',
    sha384: () =>
      crypto.sha384('abc', 'hex') ===
      'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
    sha512_256: () =>
      crypto.sha512_256('abc', 'hex') === '53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23',
    ripemd160: () => crypto.ripemd160('abc', 'hex') === '8eb208f7e05d987a9b044a8e98c6b087f15a0bfc',
    'createHash streams': () => {
      const h = crypto.createHash('sha1');
      h.update('a');
      h.update('bc');
      return h.digest('hex') === 'a9993e364706816aba3e25717850c26c9cd0d89d';
    },
    'base64 output': () => crypto.md5('abc', 'base64') === 'kAFQmDzST7DWlj99KOF/cg==',
  });
}
