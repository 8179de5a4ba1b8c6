import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenarios/scenario-loader';
import { faultFromStep } from '../faults/fault-step';
import { FaultSpec } from '../faults/fault-model';

const NAMES = ['k3d-server-loss', 'k8s-pod-kill', 'k8s-crashloop-liveness', 'k8s-oomkilled', 'k8s-rolling-update-drop', 'k3s-etcd-snapshot-restore'];

describe('cluster scenarios', () => {
  for (const name of NAMES) {
    it(`${name} loads, names a cluster lab, and each fault is a valid fault spec`, async () => {
      const s = await loadScenario(fileURLToPath(new URL(`../../../resources/scenarios/${name}.yaml`, import.meta.url)), name);
      expect(['k3s-single', 'k3s-ha']).toContain(s.metadata.lab);
      for (const f of s.faults) expect(FaultSpec.safeParse(faultFromStep(f)).success, f.id).toBe(true);
      expect(s.solve.length).toBeGreaterThan(0);
    });
  }
});
