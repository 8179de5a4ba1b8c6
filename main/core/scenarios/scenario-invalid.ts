import { LabdeckError } from '../../api/errors';
import { issuesMessage } from '../labs/template/template-issues';
import type { TemplateIssue } from '../labs/template-model';

/** A scenario that cannot be loaded: its own code and a hint about scenarios, not templates. */
export class ScenarioInvalidError extends LabdeckError {
  readonly issues: TemplateIssue[];

  constructor(file: string, issues: TemplateIssue[]) {
    const { sorted, message } = issuesMessage(file, issues);
    super('SCENARIO_INVALID', message, {
      hint: `Fix the listed lines in ${file}; \`labdeck scenarios --check ${file}\` checks it again without running anything.`,
      path: sorted[0]?.path || undefined,
    });
    this.issues = sorted;
  }
}
