import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { LabdeckError } from '../../api/errors';
import { blake2b } from './blake2b';

/**
 * minisign's key files (https://jedisct1.github.io/minisign/): two lines, an untrusted comment
 * and base64 of a fixed layout. Public: "Ed" | key id (8) | Ed25519 public key (32). Secret:
 * "Ed" | kdf "Sc" or "\0\0" | "B2" | salt (32) | opslimit (8) | memlimit (8) | key id (8) |
 * seed+public (64) | BLAKE2b-256 checksum (32). Only unencrypted secret keys (`minisign -G -W`,
 * and what `labdeck bundle keygen` writes) are read: the scrypt form needs a password prompt.
 */
export interface PublicKey {
  /** 8 bytes; shown as minisign shows it: the little-endian number in upper-case hex. */
  keyId: Buffer;
  key: KeyObject;
}
export interface SecretKey extends PublicKey {
  privateKey: KeyObject;
}

export const keyIdText = (keyId: Buffer): string => keyId.readBigUInt64LE().toString(16).toUpperCase().padStart(16, '0');

const b64url = (b: Buffer): string => b.toString('base64url');

function keyObjects(seed: Buffer, pub: Buffer): { key: KeyObject; privateKey: KeyObject } {
  const jwk = { kty: 'OKP', crv: 'Ed25519', x: b64url(pub), d: b64url(seed) };
  return { privateKey: createPrivateKey({ key: jwk, format: 'jwk' }), key: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(pub) }, format: 'jwk' }) };
}

const rawPublic = (key: KeyObject): Buffer => Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url');

/** The base64 line of a key file (the line after the untrusted comment), or the whole text when it is one line. */
function payloadLine(text: string, what: string): Buffer {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const line = lines.length === 1 ? lines[0] : lines[0]?.startsWith('untrusted comment:') ? lines[1] : undefined;
  if (!line || !/^[A-Za-z0-9+/]+={0,2}$/.test(line)) throw new LabdeckError('KEY_INVALID', `${what}: not a minisign key (expected an "untrusted comment:" line and a base64 line)`);
  return Buffer.from(line, 'base64');
}

export function parsePublicKey(text: string, what = 'public key'): PublicKey {
  const raw = payloadLine(text, what);
  if (raw.length !== 42 || raw.subarray(0, 2).toString('latin1') !== 'Ed') throw new LabdeckError('KEY_INVALID', `${what}: not a minisign Ed25519 public key (${raw.length} bytes)`);
  return { keyId: raw.subarray(2, 10), key: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(raw.subarray(10)) }, format: 'jwk' }) };
}

export function formatPublicKey(k: PublicKey): string {
  const raw = Buffer.concat([Buffer.from('Ed'), k.keyId, rawPublic(k.key)]);
  return `untrusted comment: minisign public key ${keyIdText(k.keyId)}\n${raw.toString('base64')}\n`;
}

const checksum = (keyId: Buffer, sk: Buffer): Buffer => blake2b(Buffer.concat([Buffer.from('Ed'), keyId, sk]), 32);

export function parseSecretKey(text: string, what = 'secret key'): SecretKey {
  const raw = payloadLine(text, what);
  if (raw.length !== 158 || raw.subarray(0, 2).toString('latin1') !== 'Ed' || raw.subarray(4, 6).toString('latin1') !== 'B2') {
    throw new LabdeckError('KEY_INVALID', `${what}: not a minisign Ed25519 secret key`);
  }
  if (raw.subarray(2, 4).toString('latin1') === 'Sc') {
    throw new LabdeckError('KEY_INVALID', `${what}: the key is password-protected; Labdeck reads unencrypted keys only`, {
      hint: 'Make one with `labdeck bundle keygen` or `minisign -G -W`, or sign bundle.json with `minisign -S` yourself.',
    });
  }
  const keyId = raw.subarray(54, 62);
  const sk = raw.subarray(62, 126);
  const chk = raw.subarray(126, 158);
  // minisign -W leaves the checksum zero; a non-zero one must match (a damaged key file)
  if (chk.some((b) => b !== 0) && !checksum(keyId, sk).equals(chk)) throw new LabdeckError('KEY_INVALID', `${what}: the key's checksum does not match (a damaged key file)`);
  const seed = sk.subarray(0, 32);
  const pub = sk.subarray(32);
  const objs = keyObjects(seed, pub);
  if (!rawPublic(objs.key).equals(Buffer.from(createPublicKey(objs.privateKey).export({ format: 'jwk' }).x!, 'base64url'))) {
    throw new LabdeckError('KEY_INVALID', `${what}: its public half does not belong to its secret half`);
  }
  return { keyId: Buffer.from(keyId), ...objs };
}

export function formatSecretKey(k: SecretKey): string {
  const seed = Buffer.from(k.privateKey.export({ format: 'jwk' }).d!, 'base64url');
  const sk = Buffer.concat([seed, rawPublic(k.key)]);
  const raw = Buffer.concat([Buffer.from('Ed'), Buffer.alloc(2), Buffer.from('B2'), Buffer.alloc(48), k.keyId, sk, checksum(k.keyId, sk)]);
  return `untrusted comment: minisign secret key ${keyIdText(k.keyId)} (unencrypted, made by labdeck)\n${raw.toString('base64')}\n`;
}

export function generateKey(): SecretKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { keyId: randomBytes(8), key: publicKey, privateKey };
}
