import { createHash, createHmac, randomBytes as nodeRandomBytes, type Hash, type Hmac } from 'node:crypto';
import { toArrayBuffer, toBytes } from './bytes.ts';
import { hmacMd4, md4 } from './md4.ts';
import type { VuApi } from '../script/vu-api.ts';

// `k6/crypto`: the hash functions, hmac(), createHash(), createHMAC() and
// randomBytes(), with k6's output encodings.

const ALGORITHMS = {
  md4: 'md4',
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
  sha512_224: 'sha512-224',
  sha512_256: 'sha512-256',
  ripemd160: 'ripemd160',
} as const;
type Algorithm = keyof typeof ALGORITHMS;
const ENCODINGS = ['hex', 'base64', 'base64url', 'base64rawurl', 'binary'];

function algorithmOf(name: unknown): string {
  const a = (ALGORITHMS as Record<string, string | undefined>)[String(name)];
  if (!a)
    throw new TypeError(
      `invalid hash algorithm ${JSON.stringify(name)}; expected one of ${Object.keys(ALGORITHMS).join(', ')}`,
    );
  return a;
}

/** k6's output encodings; "binary" gives an array of byte values, as its docs say. */
function encode(digest: Uint8Array, encoding: unknown): string | number[] {
  const buf = Buffer.from(digest);
  switch (encoding) {
    case 'hex':
      return buf.toString('hex');
    case 'base64':
      return buf.toString('base64');
    case 'base64rawurl':
      return buf.toString('base64url');
    case 'base64url': {
      const raw = buf.toString('base64url');
      return raw + '='.repeat((4 - (raw.length % 4)) % 4);
    }
    case 'binary':
      return [...digest];
    default:
      throw new TypeError(
        `invalid output encoding ${JSON.stringify(encoding)}; expected one of ${ENCODINGS.join(', ')}`,
      );
  }
}

/** A streaming hash or HMAC; MD4 is buffered and computed here (OpenSSL 3 dropped it). */
function hasher(algorithm: unknown, secret?: unknown) {
  const alg = algorithmOf(algorithm);
  const key = secret === undefined ? undefined : toBytes(secret, 'hmac secret');
  const chunks: Uint8Array[] = [];
  const node: Hash | Hmac | undefined = alg === 'md4' ? undefined : key ? createHmac(alg, key) : createHash(alg);
  return {
    update(input: unknown) {
      const bytes = toBytes(input, 'update');
      if (node) node.update(bytes);
      else chunks.push(bytes);
    },
    digest(encoding: unknown) {
      if (node) return encode(new Uint8Array(node.digest()), encoding);
      const all = Buffer.concat(chunks);
      return encode(key ? hmacMd4(key, all) : md4(all), encoding);
    },
  };
}

export function createCryptoModule(vu: Pick<VuApi, 'realmArrayBuffer'>) {
  const hashFn = (name: string) => (input: unknown, encoding: unknown) => {
    const h = hasher(name);
    h.update(input);
    return h.digest(encoding);
  };
  const hashes = Object.fromEntries(Object.keys(ALGORITHMS).map((name) => [name, hashFn(name)])) as Record<
    Algorithm,
    ReturnType<typeof hashFn>
  >;
  return {
    ...hashes,
    hmac(algorithm: unknown, secret: unknown, data: unknown, encoding: unknown) {
      const h = hasher(algorithm, secret);
      h.update(data);
      return h.digest(encoding);
    },
    createHash: (algorithm: unknown) => hasher(algorithm),
    createHMAC: (algorithm: unknown, secret: unknown) => hasher(algorithm, secret),
    randomBytes(size: unknown): ArrayBuffer {
      const n = Number(size);
      if (!Number.isInteger(n) || n < 0)
        throw new TypeError(`randomBytes: invalid size ${JSON.stringify(size)}; expected a non-negative integer`);
      return toArrayBuffer(new Uint8Array(nodeRandomBytes(n)), vu.realmArrayBuffer);
    },
  };
}
