import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { LabdeckError } from '../../api/errors';
import { formatPublicKey, formatSecretKey, generateKey, keyIdText, parsePublicKey, parseSecretKey, type PublicKey, type SecretKey } from './minisign-keys';

function readKeyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new LabdeckError('KEY_INVALID', `cannot read key file ${file}: ${(err as Error).message}`, { path: file });
  }
}

export const readPublicKey = (file: string): PublicKey => parsePublicKey(readKeyFile(file), file);
export const readSecretKey = (file: string): SecretKey => parseSecretKey(readKeyFile(file), file);

/** Writes through a temp file and a rename, so a key file is whole or absent. */
function writeWhole(file: string, text: string, mode: number): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text, { mode, flag: 'wx' });
  renameSync(tmp, file);
}

/** A new key pair in minisign's format; never overwrites a key unless `force` (a lost secret key cannot sign again). */
export function writeKeyPair(secretFile: string, publicFile: string, force = false): { keyId: string } {
  for (const f of [secretFile, publicFile]) {
    if (!force && existsSync(f)) throw new LabdeckError('BAD_REQUEST', `${f} exists; not overwriting a key`, { hint: 'Pick other file names, or pass --force.', path: f });
  }
  const key = generateKey();
  writeWhole(secretFile, formatSecretKey(key), 0o600);
  writeWhole(publicFile, formatPublicKey(key), 0o644);
  return { keyId: keyIdText(key.keyId) };
}
