// k6 docs (k6/encoding b64encode/b64decode): std, rawstd, url and rawurl.
import encoding from 'k6/encoding';
import { check } from 'k6';

export const options = { iterations: 1 };

export default function () {
  const str = 'hello world';
  const enc = 'aGVsbG8gd29ybGQ=';
  const expBin = new Uint8Array([104, 101, 108, 108, 111, 32, 119, 111, 114, 108, 100]);
  const bin = new Uint8Array([0xfb, 0xff]).buffer;
  check(null, {
    'std encode': () => encoding.b64encode(str) === enc,
    'std decode to string': () => encoding.b64decode(enc, 'std', 's') === str,
    'decode to ArrayBuffer': () => {
      const got = new Uint8Array(encoding.b64decode(enc));
      return got.length === expBin.length && got.every((v, i) => v === expBin[i]);
    },
    "decoded ArrayBuffer is the script's own": () => encoding.b64decode(enc) instanceof ArrayBuffer,
    rawstd: () =>
      encoding.b64encode(str, 'rawstd') === 'aGVsbG8gd29ybGQ' &&
      encoding.b64decode('aGVsbG8gd29ybGQ', 'rawstd', 's') === str,
    url: () => encoding.b64encode(bin, 'url') === '-_8=',
    rawurl: () =>
      encoding.b64encode(bin, 'rawurl') === '-_8' && new Uint8Array(encoding.b64decode('-_8', 'rawurl'))[1] === 0xff,
  });
}
