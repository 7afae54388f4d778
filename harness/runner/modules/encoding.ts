import type { VuApi } from '../script/vu-api.ts';
import { toArrayBuffer, toBytes } from './bytes.ts';

// `k6/encoding`: b64encode/b64decode with k6's four variants — std and url
// (with "=" padding), rawstd and rawurl (without).

type Variant = 'std' | 'rawstd' | 'url' | 'rawurl';
const VARIANTS: readonly Variant[] = ['std', 'rawstd', 'url', 'rawurl'];

function variantOf(encoding: unknown, fn: string): Variant {
  const v = encoding === undefined || encoding === '' ? 'std' : encoding;
  if (!VARIANTS.includes(v as Variant))
    throw new TypeError(`${fn}: invalid encoding ${JSON.stringify(encoding)}; expected one of ${VARIANTS.join(', ')}`);
  return v as Variant;
}

export function b64encode(input: unknown, encoding?: unknown): string {
  const variant = variantOf(encoding, 'b64encode');
  const buf = Buffer.from(toBytes(input, 'b64encode'));
  if (variant === 'std') return buf.toString('base64');
  if (variant === 'rawstd') return buf.toString('base64').replace(/=+$/, '');
  const raw = buf.toString('base64url');
  return variant === 'rawurl' ? raw : raw + '='.repeat((4 - (raw.length % 4)) % 4);
}

/** Decodes strictly, as Go's encoders do: a wrong alphabet or wrong padding is an error, not silently skipped. */
export function b64decode(
  input: unknown,
  encoding?: unknown,
  format?: unknown,
  Realm: ArrayBufferConstructor = ArrayBuffer,
): ArrayBuffer | string {
  const variant = variantOf(encoding, 'b64decode');
  const text = String(input);
  const alphabet = variant === 'std' || variant === 'rawstd' ? 'A-Za-z0-9+/' : 'A-Za-z0-9\\-_';
  const padded = variant === 'std' || variant === 'url';
  const shape = padded
    ? new RegExp(`^(?:[${alphabet}]{4})*(?:[${alphabet}]{2}==|[${alphabet}]{3}=)?$`)
    : new RegExp(`^[${alphabet}]*$`);
  if (!shape.test(text) || (!padded && text.length % 4 === 1))
    throw new Error(`b64decode: input is not valid base64 (${variant})`);
  const bytes = Buffer.from(text, variant === 'std' || variant === 'rawstd' ? 'base64' : 'base64url');
  return format === 's' ? bytes.toString('utf8') : toArrayBuffer(bytes, Realm);
}

export function createEncodingModule(vu: Pick<VuApi, 'realmArrayBuffer'>) {
  return {
    b64encode,
    b64decode: (input: unknown, encoding?: unknown, format?: unknown) =>
      b64decode(input, encoding, format, vu.realmArrayBuffer),
  };
}
