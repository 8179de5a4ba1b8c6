import { create } from 'zustand';
import type { AppInfo } from '../../../main/api/contract';
import type { Settings, SettingsPatch } from '../../../main/api/schemas/settings';
import { api } from './client';

interface SettingsState {
  settings: Settings | null;
  app: AppInfo | null;
  saving: boolean;
  error: string | null;
  load(): Promise<void>;
  update(patch: SettingsPatch): Promise<boolean>;
  listen(): () => void;
}

export const useSettingsStore = create<SettingsState>((set) => ({
  settings: null,
  app: null,
  saving: false,
  error: null,
  async load() {
    try {
      const [settings, app] = await Promise.all([api().api['settings.get'](), api().api['app.info']()]);
      set({ settings, app, error: null });
    } catch (err) {
      set({ error: (err as Error).message });
    }
  },
  async update(patch) {
    set({ saving: true });
    try {
      set({ settings: await api().api['settings.update'](patch), error: null });
      return true;
    } catch (err) {
      set({ error: (err as Error).message });
      return false;
    } finally {
      set({ saving: false });
    }
  },
  listen() {
    return api().on('settings.changed', (settings) => set({ settings }));
  },
}));
