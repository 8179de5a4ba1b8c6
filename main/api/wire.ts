import { z } from 'zod';
import { ErrorValue } from './errors';

/** Messages on the browser console's WebSocket. */
export const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('call'), id: z.number().int().nonnegative(), method: z.string().max(100), params: z.unknown() }),
  z.object({ type: z.literal('subscribe'), events: z.array(z.string().max(100)).max(50) }),
  z.object({ type: z.literal('unsubscribe'), events: z.array(z.string().max(100)).max(50) }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export const ServerMessage = z.union([
  z.object({ type: z.literal('result'), id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({ type: z.literal('result'), id: z.number().int(), ok: z.literal(false), error: ErrorValue }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
