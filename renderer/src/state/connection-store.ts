import { create } from 'zustand';

/** Whether the window can reach core at all (the WebSocket is up, or IPC is there). */
export const useConnectionStore = create<{ connected: boolean; setConnected: (up: boolean) => void }>((set) => ({
  connected: false,
  setConnected: (connected) => set({ connected }),
}));
