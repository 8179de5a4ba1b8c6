import { LabdeckError } from '../api/errors';
import type { Handlers } from '../api/handlers';

const CATALOG_HINT = 'From the console, pick a lab or scenario from the catalog (built-in, the data folder, imported bundles); the command line takes file paths.';

/**
 * One answer for anything outside the catalog, whether such a file exists or not: the console
 * must not become a way to probe the host's files.
 */
const notInCatalog = (kind: 'template' | 'scenario', ref: string): LabdeckError =>
  new LabdeckError(kind === 'template' ? 'TEMPLATE_NOT_FOUND' : 'SCENARIO_NOT_FOUND', `no ${kind} "${ref}" in the catalog`, { hint: CATALOG_HINT });

/** A catalog entry is named, never pathed: core resolves a bare name in the catalog's folders only. */
const looksLikePath = (ref: string): boolean => /[/\\]|^\.|\.ya?ml$|^~/.test(ref);

async function catalogTemplate(h: Handlers, ref: string): Promise<string> {
  if (looksLikePath(ref)) throw notInCatalog('template', ref);
  const known = await h['labs.templates']({});
  if (!known.some((t) => t.name === ref && t.source !== 'file')) throw notInCatalog('template', ref);
  return ref;
}

async function catalogScenario(h: Handlers, ref: string): Promise<string> {
  if (looksLikePath(ref)) throw notInCatalog('scenario', ref);
  const known = await h['scenarios.list']({});
  if (!known.some((s) => s.name === ref && s.source !== 'file')) throw notInCatalog('scenario', ref);
  return ref;
}

/**
 * What every console caller gets, the owner included: templates and scenarios only from the
 * catalog, and a new engine endpoint only once confirmed (a console link in the wrong hands must
 * not quietly repoint the engine to a machine of theirs).
 */
export function consoleHandlers(h: Handlers): Handlers {
  return {
    ...h,
    'labs.plan': async (p) => h['labs.plan']({ ...p, template: await catalogTemplate(h, p.template) }),
    'labs.up': async (p) => h['labs.up']({ ...p, template: await catalogTemplate(h, p.template) }),
    'clusters.create': async (p) => h['clusters.create']({ ...p, template: await catalogTemplate(h, p.template) }),
    'runs.start': async (p) => h['runs.start']({ ...p, scenario: await catalogScenario(h, p.scenario) }),
    'settings.update': async (p) => {
      const now = (await h['settings.get']({})).engineEndpoint;
      const wanted = p.engineEndpoint;
      if (wanted !== undefined && wanted !== null && wanted !== now && p.confirm !== true) {
        throw new LabdeckError('CONFIRMATION_REQUIRED', `Labdeck would drive the container engine at ${wanted} from now on: confirm the change`, {
          hint: 'Resend with confirm: true once you are sure the endpoint is yours.',
          path: 'params.engineEndpoint',
        });
      }
      return h['settings.update'](p);
    },
  };
}
