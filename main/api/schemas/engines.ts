import { z } from 'zod';
import { EndpointUrl, EngineKind } from './engine';

/** An engine's name in Labdeck: what `up --engine NAME` and Settings show. */
export const EngineName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'letters, digits, ".", "-" and "_", starting with a letter or digit');

/** A file on the owner's machine (a certificate, an ssh config): an absolute path, no control characters. */
const HostFile = z
  .string()
  .min(2)
  .max(4096)
  .regex(/^(\/|[A-Za-z]:\\)[^\0\n\r]*$/, 'an absolute path');

export const EngineAddParams = z
  .object({
    name: EngineName,
    endpoint: EndpointUrl,
    tlsCa: HostFile.optional(),
    tlsCert: HostFile.optional(),
    tlsKey: HostFile.optional(),
    sshConfig: HostFile.optional(),
  })
  .strict();
export type EngineAddParams = z.infer<typeof EngineAddParams>;

export const EngineRef = z.object({ name: EngineName }).strict();

export const RegisteredEngine = z.object({
  name: EngineName,
  endpoint: EndpointUrl,
  /** registered in Labdeck, or a docker context read from ~/.docker/contexts (offered by name). */
  source: z.enum(['labdeck', 'docker-context']),
  tlsCa: z.string().optional(),
  tlsCert: z.string().optional(),
  tlsKey: z.string().optional(),
  sshConfig: z.string().optional(),
});
export type RegisteredEngine = z.infer<typeof RegisteredEngine>;

/** A registered engine with what it answered just now. */
export const EngineListing = RegisteredEngine.extend({
  reachable: z.boolean(),
  kind: EngineKind.optional(),
  version: z.string().optional(),
  /** Why it did not answer (a coded error's message: ENGINE_TLS, ENGINE_SSH_HOST_KEY, …). */
  error: z.string().optional(),
  errorCode: z.string().optional(),
});
export type EngineListing = z.infer<typeof EngineListing>;
