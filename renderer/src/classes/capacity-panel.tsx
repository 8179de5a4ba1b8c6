import type { ClassCapacity } from '../../../main/api/schemas/classes';

const VERDICT = { ok: 'Fits', warn: 'Warning', refuse: 'Does not fit: Start refuses' } as const;
const mib = (b?: number): string => (b === undefined ? '–' : `${Math.round(b / 1048576)} MiB`);

/** The class's capacity plan: each step's lab (budget, limits) × seats against the engine, with the verdict's numbers. */
export function CapacityPanel({ capacity }: { capacity: ClassCapacity }) {
  return (
    <section aria-label="Capacity" data-verdict={capacity.verdict}>
      <h2>Capacity: {VERDICT[capacity.verdict]}</h2>
      <ul>
        {capacity.labs.map((l) => (
          <li key={l.step}>
            Step {l.step + 1} {l.lab}: budget {mib(l.budgetMemoryBytes)} / {l.budgetCpus ?? '–'} CPU, limits {mib(l.limitMemoryBytes)} / {Math.round(l.limitCpus * 100) / 100} CPU
          </li>
        ))}
        {capacity.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </section>
  );
}
