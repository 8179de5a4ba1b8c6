import { mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { LabdeckError } from '../../api/errors';
import { writeKeyPair } from './key-files';
import { formatPublicKey, keyIdText, parseSecretKey, type SecretKey } from './minisign-keys';

export interface SigningKeyInfo {
  id: string;
  publicKey: string;
}

/**
 * This installation's signing keys: minisign secret keys in the data folder's `keys/` (made by
 * `bundles.newSigningKey`, or put there by hand). The console signs with one by its id; a path is
 * never taken from it. An unreadable or password-protected file is left out.
 */
export class SigningKeys {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'keys');
  }

  private all(): { info: SigningKeyInfo; key: SecretKey }[] {
    let names: string[] = [];
    try {
      names = readdirSync(this.dir).filter((n) => n.endsWith('.key')).sort();
    } catch {
      return [];
    }
    return names.flatMap((n) => {
      try {
        const key = parseSecretKey(readFileSync(join(this.dir, n), 'utf8'), n);
        return [{ info: { id: keyIdText(key.keyId), publicKey: formatPublicKey(key) }, key }];
      } catch {
        return [];
      }
    });
  }

  list(): SigningKeyInfo[] {
    return this.all().map((k) => k.info);
  }

  get(id: string): SecretKey {
    const found = this.all().find((k) => k.info.id === id.toUpperCase());
    if (!found) throw new LabdeckError('KEY_INVALID', `no signing key ${id} in ${this.dir}`, { hint: 'Make one on the Bundles page, or copy a minisign secret key (unencrypted) there.' });
    return found.key;
  }

  /** A new key pair in `keys/<id>.key` (0600) and `keys/<id>.pub`. */
  create(): SigningKeyInfo {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const tmp = `new-${process.pid}-${Date.now()}`;
    const { keyId } = writeKeyPair(join(this.dir, `${tmp}.key`), join(this.dir, `${tmp}.pub`));
    renameKeys(this.dir, tmp, keyId);
    return { id: keyId, publicKey: readFileSync(join(this.dir, `${keyId}.pub`), 'utf8') };
  }
}

function renameKeys(dir: string, from: string, to: string): void {
  // the id is known only once the key exists; renaming keeps each file whole
  for (const ext of ['key', 'pub']) renameSync(join(dir, `${from}.${ext}`), join(dir, `${to}.${ext}`));
}
