/** IPC channel names: one per contract method, one for events. */
export const ipcChannel = (method: string): string => `labdeck:${method}`;
export const IPC_EVENT_CHANNEL = 'labdeck:event';

/** A terminal's byte channel over IPC (see main/electron/ipc-terminal-bridge.ts and the preload). */
export const IPC_TERMINAL = {
  attach: 'labdeck:term:attach',
  input: 'labdeck:term:input',
  control: 'labdeck:term:control',
  detach: 'labdeck:term:detach',
  /** main → renderer: (sessionId, 'data' | 'control' | 'closed', payload). */
  event: 'labdeck:term:event',
} as const;
