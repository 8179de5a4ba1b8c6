import type { ErrorValue, Problem } from './errors';

/*
 * The error class and its codes without zod, so that a caller that only throws or recognises
 * coded errors (the CLI's start-up path) does not load the schema library; errors.ts adds the schemas.
 */

/** Every failure that crosses a bridge is one of these codes, with a message a person can act on. */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'UNKNOWN_METHOD',
  'INTERNAL',
  'CANCELLED',
  'NOT_FOUND',
  'ENGINE_UNREACHABLE',
  'ENGINE_NOT_FOUND',
  'PORT_IN_USE',
  'IMAGE_MISSING',
  'TEMPLATE_INVALID',
  'TEMPLATE_NOT_FOUND',
  'TEMPLATE_UNTRUSTED',
  'ENGINE_ACCESS_REFUSED',
  'LAB_EXISTS',
  'LAB_NOT_FOUND',
  'LAB_OTHER_INSTALLATION',
  'LAB_UNHEALTHY',
  'QUERY_FAILED',
  'STORE_CORRUPT',
  'DISK_FULL',
  'UNAUTHORIZED',
  'FORBIDDEN_ORIGIN',
  'SCENARIO_NOT_FOUND',
  'SCENARIO_INVALID',
  'RUN_STATE',
  'FAULT_INVALID',
  'FAULT_TARGET_INVALID',
  'FAULT_FAILED',
  'FAULT_CONFLICT',
  'FAULT_NOT_FOUND',
  'FAULT_UNSUPPORTED',
  'NETEM_UNAVAILABLE',
  'HOST_SHELL_DISABLED',
  'READ_ONLY',
  /** The caller's role may not do this (a trainee outside its seat, a path from the console). */
  'FORBIDDEN',
  /** A change that must be confirmed first (a new engine endpoint from the console); resend with `confirm: true`. */
  'CONFIRMATION_REQUIRED',
  'K3D_MISSING',
  'CLUSTER_FAILED',
  /** A Dockerfile's FROM image is not on the engine (and no registry gave it); the message names the Dockerfile line. */
  'BASE_IMAGE_MISSING',
  'BUILD_FAILED',
  'BUILD_CONTEXT_TOO_LARGE',
  /** A service's `platform:` is not the engine's OS/architecture; the message names both. */
  'PLATFORM_MISMATCH',
  'CLASS_NOT_FOUND',
  /** The class is not in a state that allows this (ended, not started). */
  'CLASS_STATE',
  /** A class's labs × seats do not fit in the engine's memory: the message has the numbers. */
  'CLASS_CAPACITY',
  /** A bundle (or one of its parts) is malformed, altered, or holds an entry it must not; `path` names the entry. */
  'BUNDLE_INVALID',
  /** A bundle's signature is missing, untrusted, altered, or a key was given for an unsigned bundle. */
  'BUNDLE_SIGNATURE',
  /** A minisign key file that cannot be used. */
  'KEY_INVALID',
  /** An ssh engine whose host key is unknown or changed: refused, with the fingerprint and how to accept it. */
  'ENGINE_SSH_HOST_KEY',
  /** A TLS engine whose certificate does not verify (another CA, another name, expired) or that refused ours. */
  'ENGINE_TLS',
  /** A spoke cannot reach the trainer's Labdeck (the class's hub), or the hub refused the connection. */
  'HUB_UNREACHABLE',
  /** The hub's HTTPS certificate is not the one pinned by the join link's fingerprint: nothing is sent to it. */
  'HUB_CERTIFICATE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error that carries a code; thrown in core, turned into an ErrorValue at the bridge. */
export class LabdeckError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly path?: string;
  /** Every problem found in one round (a template's schema, semantic and unsupported-key problems together). */
  readonly problems?: Problem[];

  constructor(code: ErrorCode, message: string, opts: { hint?: string; path?: string; cause?: unknown; problems?: Problem[] } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'LabdeckError';
    this.code = code;
    this.hint = opts.hint;
    this.path = opts.path;
    if (opts.problems?.length) this.problems = opts.problems;
  }

  toValue(): ErrorValue {
    const value: ErrorValue = { code: this.code, message: this.message };
    if (this.hint) value.hint = this.hint;
    if (this.path) value.path = this.path;
    if (this.problems) value.problems = this.problems;
    return value;
  }

  static fromValue(value: ErrorValue): LabdeckError {
    return new LabdeckError(value.code, value.message, { hint: value.hint, path: value.path, problems: value.problems });
  }
}

/** Any thrown thing as an ErrorValue: coded errors keep their code, the rest become INTERNAL. */
export function toErrorValue(err: unknown): ErrorValue {
  if (err instanceof LabdeckError) return err.toValue();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message };
}
