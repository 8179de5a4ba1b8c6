import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from './external-links';

describe('isAllowedExternalUrl', () => {
  it('allows https pages of allow-listed hosts', () => {
    expect(isAllowedExternalUrl('https://docs.docker.com/engine/install/')).toBe(true);
    expect(isAllowedExternalUrl('https://k3d.io/v5.7.4/')).toBe(true);
  });

  it('refuses other schemes, hosts, look-alikes and credentials', () => {
    for (const url of [
      'http://docs.docker.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://docs.docker.com.evil.example/',
      'https://evil.example/?u=https://k3d.io',
      'https://user:pw@github.com/',
      'smb://github.com/share',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});
