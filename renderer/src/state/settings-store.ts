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
    // each on its own: a trainee may not read the settings (403), and still needs app.info for its role
    const [settings, app] = await Promise.allSettled([api().api['settings.get'](), api().api['app.info']()]);
    const failed = app.status === 'rejected' ? app.reason : settings.status === 'rejected' && app.value.role !== 'trainee' ? settings.reason : undefined;
    set({
      ...(settings.status === 'fulfilled' ? { settings: settings.value } : {}),
      ...(app.status === 'fulfilled' ? { app: app.value } : {}),
      error: failed === undefined ? null : (failed as Error).message,
    });
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
