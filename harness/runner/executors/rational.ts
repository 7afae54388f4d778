// Exact fractions for execution segments: "1/3" must stay 1/3, or three
// instances would not add up to the whole test.

export interface Rational {
  num: bigint;
  den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function rational(num: bigint, den: bigint = 1n): Rational {
  if (den === 0n) throw new RangeError('denominator 0');
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den) || 1n;
  return { num: (sign * num) / g, den: (sign * den) / g };
}

export const ZERO = rational(0n);
export const ONE = rational(1n);

export function compare(a: Rational, b: Rational): number {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

export function subtract(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den - b.num * a.den, a.den * b.den);
}

export function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

export function formatRational(r: Rational): string {
  return r.den === 1n ? String(r.num) : `${r.num}/${r.den}`;
}

/** Parses "1/3", "0.25", "25%", "1" — the forms k6 documents for segment bounds — or returns undefined. */
export function parseRational(text: string): Rational | undefined {
  const t = text.trim();
  let m = /^(\d+)\s*\/\s*(\d+)$/.exec(t);
  if (m) return m[2] === '0' || /^0+$/.test(m[2]!) ? undefined : rational(BigInt(m[1]!), BigInt(m[2]!));
  m = /^(\d+)(?:\.(\d+))?(%?)$/.exec(t);
  if (!m) return undefined;
  const decimals = m[2] ?? '';
  const scale = 10n ** BigInt(decimals.length) * (m[3] ? 100n : 1n);
  return rational(BigInt(`${m[1]}${decimals}`), scale);
}
