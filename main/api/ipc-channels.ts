/** IPC channel names: one per contract method, one for events. */
export const ipcChannel = (method: string): string => `labdeck:${method}`;
export const IPC_EVENT_CHANNEL = 'labdeck:event';
