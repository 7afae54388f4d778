// k6 docs (k6/crypto hmac, createHMAC); vectors from RFC 2202 and RFC 4231 test case 2.
import crypto from 'k6/crypto';
import { check } from 'k6';

export const options = { iterations: 1 };

export default function () {
  const key = 'Jefe';
  const data = 'what do ya want for nothing?';
  check(null, {
    'hmac md5': () => crypto.hmac('md5', key, data, 'hex') === '750c783e6ab0b503eaa86e310a5db738',
    'hmac sha1': () => crypto.hmac('sha1', key, data, 'hex') === 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79',
    'hmac sha256': () =>
      crypto.hmac('sha256', key, data, 'hex') === '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    'createHMAC sha512': () => {
      const h = crypto.createHMAC('sha512', key);
      h.update(data);
      return (
        h.digest('hex') ===
        '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737'
      );
    },
  });
}
