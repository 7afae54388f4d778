import { describe, expect, it } from 'vitest';
import { b64decode, b64encode } from './encoding.ts';

const text = (b: ArrayBuffer | string) => (typeof b === 'string' ? b : Buffer.from(b).toString('latin1'));

describe('k6/encoding', () => {
  // RFC 4648 section 10 test vectors
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('std: %j ⇄ %j (RFC 4648)', (plain, encoded) => {
    expect(b64encode(plain)).toBe(encoded);
    expect(b64encode(plain, 'std')).toBe(encoded);
    expect(b64decode(encoded, 'std', 's')).toBe(plain);
    expect(b64encode(plain, 'rawstd')).toBe(encoded.replace(/=+$/, ''));
    expect(b64decode(encoded.replace(/=+$/, ''), 'rawstd', 's')).toBe(plain);
  });

  it('url and rawurl use - and _; url pads, rawurl does not', () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0xbf]).buffer;
    const two = new Uint8Array([0xfb, 0xff]).buffer;
    expect(b64encode(bytes, 'std')).toBe('+/+/');
    expect(b64encode(bytes, 'url')).toBe('-_-_');
    expect(b64encode(two, 'std')).toBe('+/8=');
    expect(b64encode(two, 'rawstd')).toBe('+/8');
    expect(b64encode(two, 'url')).toBe('-_8=');
    expect(b64encode(two, 'rawurl')).toBe('-_8');
    expect(text(b64decode('-_8=', 'url'))).toBe('\xfb\xff');
    expect(text(b64decode('-_8', 'rawurl'))).toBe('\xfb\xff');
  });

  it('matches the k6 docs example, and decodes to an ArrayBuffer unless format is "s"', () => {
    expect(b64encode('hello world')).toBe('aGVsbG8gd29ybGQ=');
    expect(b64encode('hello world', 'rawstd')).toBe('aGVsbG8gd29ybGQ');
    const decoded = b64decode('aGVsbG8gd29ybGQ=');
    expect(decoded).toBeInstanceOf(ArrayBuffer);
    expect(text(decoded)).toBe('hello world');
    expect(b64decode('aGVsbG8gd29ybGQ', 'rawstd', 's')).toBe('hello world');
  });

  it('rejects input of the wrong alphabet or padding, and unknown variants', () => {
    expect(() => b64decode('-_8=', 'std')).toThrow(/not valid base64 \(std\)/);
    expect(() => b64decode('+/8=', 'url')).toThrow(/not valid base64 \(url\)/);
    expect(() => b64decode('Zg', 'std')).toThrow(/not valid/);
    expect(() => b64decode('Zg==', 'rawstd')).toThrow(/not valid/);
    expect(() => b64encode('x', 'hex')).toThrow(/invalid encoding "hex"; expected one of std, rawstd, url, rawurl/);
  });
});
