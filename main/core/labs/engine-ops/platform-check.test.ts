import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../template/parse-template';
import { planLab } from '../lab-planner';
import { platformMismatches } from './platform-check';

describe('platform', () => {
  it("matches the engine's os/arch under the names engines and uname use, a variant ignored", () => {
    const wanted = [
      { service: 'a', platform: 'linux/amd64' },
      { service: 'b', platform: 'linux/arm64/v8' },
      { service: 'c', platform: 'windows/amd64' },
    ];
    expect(platformMismatches(wanted, { os: 'linux', arch: 'x86_64' }).map((w) => w.service)).toEqual(['b', 'c']);
    expect(platformMismatches(wanted, { os: 'linux', arch: 'aarch64' }).map((w) => w.service)).toEqual(['a', 'c']);
  });

  it('is planned for up to check, and a malformed one is a problem', () => {
    const t = parseTemplate('services:\n  a: { image: redis:7.2, platform: linux/arm64 }\n', '/labs/p/compose.yaml', () => '', { processEnv: {} });
    expect(t.unsupported).toEqual([]);
    expect(planLab(t, 'p').platforms).toEqual([{ service: 'a', platform: 'linux/arm64' }]);
    expect(() => parseTemplate('services:\n  a: { image: redis:7.2, platform: "amd64 please" }\n', '/labs/p/compose.yaml', () => '', { processEnv: {} })).toThrow(
      /services\.a\.platform: platform "amd64 please" is not os\/arch/,
    );
  });
});
