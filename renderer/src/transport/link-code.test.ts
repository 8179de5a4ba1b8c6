import { describe, expect, it } from 'vitest';
import { CODE_PARAM } from '../../../main/api/console-auth';
import { LINK_CODE_PARAM, takeLinkCode } from './link-code';

describe('takeLinkCode', () => {
  it('returns the code and leaves the address bar without it, other parameters and the hash kept', () => {
    const replaced: string[] = [];
    const hist = { replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) };
    expect(takeLinkCode({ search: '?a=1&code=xyz', pathname: '/', hash: '#/labs/web' }, hist)).toBe('xyz');
    expect(replaced).toEqual(['/?a=1#/labs/web']);
    expect(takeLinkCode({ search: '', pathname: '/', hash: '' }, hist)).toBeNull();
    expect(replaced).toHaveLength(1);
  });

  it('reads the parameter the server names', () => {
    expect(LINK_CODE_PARAM).toBe(CODE_PARAM);
  });
});
