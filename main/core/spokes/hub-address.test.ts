import { describe, expect, it } from 'vitest';
import { normalFingerprint, parseJoinLink } from './hub-address';

const CODE = `seat.${'a'.repeat(32)}`;
const FP = 'AB'.repeat(32);

describe('parseJoinLink', () => {
  it('reads the origin, code and fingerprint of a seat link (fp= or --fingerprint, any case, colons or not)', () => {
    const a = parseJoinLink(`https://192.168.1.20:8443/join?code=${CODE}&fp=${FP.toLowerCase()}`);
    expect(a).toMatchObject({ origin: 'https://192.168.1.20:8443', secure: true, host: '192.168.1.20', port: 8443, code: CODE, fingerprint: normalFingerprint(FP) });
    expect(parseJoinLink(`https://[::1]:9/join?code=${CODE}`, FP.match(/../g)!.join(':')).host).toBe('::1');
    expect(parseJoinLink(`http://127.0.0.1:9/join?code=${CODE}`).secure).toBe(false);
  });

  it('refuses what is no seat link, plain HTTP to another machine, HTTPS without a fingerprint, a fingerprint that is no SHA-256', () => {
    for (const bad of [
      'not a url',
      `ftp://127.0.0.1/join?code=${CODE}`,
      'https://127.0.0.1:9/join?code=owner-token',
      `http://192.168.1.20:9/join?code=${CODE}`,
      `https://192.168.1.20:9/join?code=${CODE}`,
      `https://192.168.1.20:9/join?code=${CODE}&fp=1234`,
      `https://192.168.1.20:9/join?code=${CODE}/../x`,
    ])
      expect(() => parseJoinLink(bad), bad).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
  });
});
