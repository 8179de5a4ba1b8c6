import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabdeckError } from '../../api/errors';
import { openStore, type OpenedStore } from '../store/database';
import type { TemplateRisk } from './template-risks';
import { checkTrust, trustState } from './template-trust';
import { TrustRepo } from './trust-repo';

let dir: string;
let store: OpenedStore;
let repo: TrustRepo;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'labdeck-trust-gate-'));
  store = openStore(dir);
  repo = new TrustRepo(store.db);
});
afterEach(() => {
  store.db.close();
  rmSync(dir, { recursive: true, force: true });
});

const A = { file: '/labs/x/compose.yaml', sha256: 'a'.repeat(64) };
const B = { ...A, sha256: 'b'.repeat(64) };
const cap: TemplateRisk = { service: 'web', kind: 'capability', level: 'trust', setting: 'cap_add: ALL', message: 'adds ALL' };
const note: TemplateRisk = { service: 'web', kind: 'no-limits', level: 'note', setting: 'deploy.resources.limits: no memory', message: 'm' };
const sock: TemplateRisk = { service: 'web', kind: 'engine-access', level: 'refused', setting: 'volumes: /var/run/docker.sock:/s', message: 's', allow: '/var/run/docker.sock' };

const codeOf = (f: () => void): string | undefined => {
  try {
    f();
    return undefined;
  } catch (err) {
    return (err as LabdeckError).code;
  }
};

describe('checkTrust', () => {
  it('lets notes through without trust', () => {
    expect(codeOf(() => checkTrust(A, [note], false, repo))).toBeUndefined();
    expect(trustState(A, [note], false, repo)).toBe('not-needed');
  });

  it('refuses until trusted, then remembers this content only', () => {
    expect(codeOf(() => checkTrust(A, [cap], false, repo))).toBe('TEMPLATE_UNTRUSTED');
    expect(codeOf(() => checkTrust(A, [cap], false, repo, { trust: true }))).toBeUndefined();
    expect(trustState(A, [cap], false, repo)).toBe('trusted');
    expect(codeOf(() => checkTrust(A, [cap], false, repo))).toBeUndefined();
    expect(codeOf(() => checkTrust(B, [cap], false, repo))).toBe('TEMPLATE_UNTRUSTED');
  });

  it('asks again when a new risk appears for the same content', () => {
    checkTrust(A, [cap], false, repo, { trust: true });
    const env: TemplateRisk = { ...cap, kind: 'host-env', setting: 'environment: GITHUB_TOKEN' };
    expect(codeOf(() => checkTrust(A, [cap, env], false, repo))).toBe('TEMPLATE_UNTRUSTED');
  });

  it('accepts a reviewed hash only when it is the content loaded now', () => {
    expect(codeOf(() => checkTrust(B, [cap], false, repo, { trust: A.sha256 }))).toBe('TEMPLATE_UNTRUSTED');
    expect(trustState(B, [cap], false, repo)).toBe('needed');
    expect(codeOf(() => checkTrust(A, [cap], false, repo, { trust: A.sha256 }))).toBeUndefined();
  });

  it('refuses engine access even when trusted or built-in, unless the path is named', () => {
    expect(codeOf(() => checkTrust(A, [sock], false, repo, { trust: true }))).toBe('ENGINE_ACCESS_REFUSED');
    expect(codeOf(() => checkTrust(A, [sock], true, repo))).toBe('ENGINE_ACCESS_REFUSED');
    expect(codeOf(() => checkTrust(A, [sock], false, repo, { trust: true, allowEngineAccess: ['/run/docker.sock', '/'] }))).toBe('ENGINE_ACCESS_REFUSED');
    expect(codeOf(() => checkTrust(A, [sock], false, repo, { trust: true, allowEngineAccess: ['/var/run/docker.sock/'] }))).toBeUndefined();
  });

  it('trusts built-in templates as shipped, but not past the replica bound', () => {
    expect(codeOf(() => checkTrust(A, [cap], true, repo))).toBeUndefined();
    expect(trustState(A, [cap], true, repo)).toBe('built-in');
    const many: TemplateRisk = { service: 'w', kind: 'replicas', level: 'refused', setting: 'deploy.replicas: 100000', message: 'too many' };
    expect(codeOf(() => checkTrust(A, [many], true, repo, { trust: true }))).toBe('TEMPLATE_INVALID');
  });
});
