import { z } from 'zod';
import { EndpointUrl } from './engine';

export const Theme = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof Theme>;

export const Settings = z.object({
  /** The engine endpoint the user picked; null means "discover". */
  engineEndpoint: EndpointUrl.nullable(),
  theme: Theme,
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = { engineEndpoint: null, theme: 'system' };

/** `confirm` accepts a change that needs confirming (a new engine endpoint from the console); it is not stored. */
export const SettingsPatch = Settings.partial().extend({ confirm: z.literal(true).optional() }).strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;
