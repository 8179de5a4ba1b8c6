import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blake2b } from './blake2b';

describe('blake2b', () => {
  it('gives the RFC 7693 / libsodium digests for 32 bytes', () => {
    expect(blake2b(Buffer.alloc(0), 32).toString('hex')).toBe('0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8');
    expect(blake2b(Buffer.from('abc'), 64).toString('hex')).toBe(
      'ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923',
    );
  });

  it('agrees with node:crypto blake2b512 across block boundaries', () => {
    for (const n of [0, 1, 127, 128, 129, 256, 300]) {
      const data = randomBytes(n);
      expect(blake2b(data, 64).toString('hex')).toBe(createHash('blake2b512').update(data).digest('hex'));
    }
  });
});
