import { createHash, sign, verify } from 'node:crypto';
import { LabdeckError } from '../../api/errors';
import { keyIdText, type PublicKey, type SecretKey } from './minisign-keys';

/**
 * minisign signatures: an untrusted comment, base64("ED" | key id | Ed25519 over BLAKE2b-512 of
 * the file), the trusted comment, and base64 of the global signature, Ed25519 over the first
 * signature followed by the trusted comment (so the comment cannot be changed). "Ed" (the legacy
 * form, the file itself signed) is accepted when verifying; signing writes "ED" as minisign does.
 */
export interface ParsedSignature {
  algorithm: 'Ed' | 'ED';
  keyId: Buffer;
  signature: Buffer;
  trustedComment: string;
  globalSignature: Buffer;
}

const TRUSTED = 'trusted comment: ';

export function signMinisign(message: Buffer, key: SecretKey, trustedComment: string): string {
  if (/[\r\n]/.test(trustedComment)) throw new LabdeckError('BAD_REQUEST', 'a trusted comment is one line');
  const signature = sign(null, createHash('blake2b512').update(message).digest(), key.privateKey);
  const globalSignature = sign(null, Buffer.concat([signature, Buffer.from(trustedComment)]), key.privateKey);
  const first = Buffer.concat([Buffer.from('ED'), key.keyId, signature]).toString('base64');
  return `untrusted comment: signature from labdeck secret key ${keyIdText(key.keyId)}\n${first}\n${TRUSTED}${trustedComment}\n${globalSignature.toString('base64')}\n`;
}

const bad = (what: string, why: string): LabdeckError => new LabdeckError('BUNDLE_SIGNATURE', `${what}: ${why}`, { path: what });

export function parseMinisign(text: string, what = 'signature'): ParsedSignature {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (!lines[0]?.startsWith('untrusted comment:') || !lines[2]?.startsWith(TRUSTED)) throw bad(what, 'not a minisign signature file');
  const first = Buffer.from(lines[1] ?? '', 'base64');
  const globalSignature = Buffer.from(lines[3] ?? '', 'base64');
  const algorithm = first.subarray(0, 2).toString('latin1');
  if (first.length !== 74 || globalSignature.length !== 64 || (algorithm !== 'Ed' && algorithm !== 'ED')) throw bad(what, 'not a minisign Ed25519 signature');
  return { algorithm, keyId: first.subarray(2, 10), signature: first.subarray(10), trustedComment: lines[2].slice(TRUSTED.length), globalSignature };
}

/** Verifies a signature against one of `keys`; returns the key and the trusted comment, or throws BUNDLE_SIGNATURE. */
export function verifyMinisign(message: Buffer, sig: ParsedSignature, keys: PublicKey[], what = 'signature'): { key: PublicKey; trustedComment: string } {
  const key = keys.find((k) => k.keyId.equals(sig.keyId));
  if (!key) {
    throw new LabdeckError('BUNDLE_SIGNATURE', `${what}: signed by key ${keyIdText(sig.keyId)}, which is not trusted here`, {
      hint: keys.length ? `Trusted keys: ${keys.map((k) => keyIdText(k.keyId)).join(', ')}. Give the signer's public key with --pub.` : "Give the signer's public key with --pub, or add it to Settings.",
      path: what,
    });
  }
  const signed = sig.algorithm === 'ED' ? createHash('blake2b512').update(message).digest() : message;
  if (!verify(null, signed, key.key, sig.signature)) throw bad(what, `the signature does not match (key ${keyIdText(key.keyId)}): the bundle or its signature was altered`);
  if (!verify(null, Buffer.concat([sig.signature, Buffer.from(sig.trustedComment)]), key.key, sig.globalSignature)) throw bad(what, 'the trusted comment was altered');
  return { key, trustedComment: sig.trustedComment };
}
