import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type OpenedStore } from '../store/database';
import { TrustRepo } from './trust-repo';

let dir: string;
let store: OpenedStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'labdeck-trust-'));
  store = openStore(dir);
});
afterEach(() => {
  if (store.db.open) store.db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('TrustRepo', () => {
  it('trusts one content with the risks seen, and survives reopening the file', () => {
    new TrustRepo(store.db).trust('aa', '/labs/x/compose.yaml', ['web|capability|cap_add: ALL']);
    store.db.close();
    store = openStore(dir);
    const repo = new TrustRepo(store.db);
    expect(repo.covers('aa', ['web|capability|cap_add: ALL'])).toBe(true);
    expect(repo.covers('aa', [])).toBe(true);
  });

  it('does not cover another content or a risk not accepted', () => {
    const repo = new TrustRepo(store.db);
    repo.trust('aa', '/labs/x/compose.yaml', ['web|capability|cap_add: ALL']);
    expect(repo.covers('bb', [])).toBe(false);
    expect(repo.covers('aa', ['web|capability|cap_add: ALL', 'web|host-env|environment: GITHUB_TOKEN'])).toBe(false);
  });
});
