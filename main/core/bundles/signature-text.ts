import type { SignatureResult } from './bundle-reader';

/** The verification result in words, as the CLI and the console show it. */
export function signatureText(sig: SignatureResult): string {
  return sig.signed ? `good signature by trusted key ${sig.keyId}${sig.trustedComment ? ` (${sig.trustedComment})` : ''}` : 'NOT SIGNED: nothing proves who made this bundle (accepted because unsigned bundles were allowed)';
}
