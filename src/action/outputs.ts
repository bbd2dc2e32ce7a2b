/** The step outputs a workflow can branch on, and the plan JSON file they point to. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forPlanFile, newPlan, planJson } from '../plan/plan-file.js';
import type { Plan } from '../plan/types.js';
import { hasChanges, totals, userChanges } from '../render/index.js';
import type { Runner } from './runner.js';

/** One plan of every path's locations under RUNNER_TEMP (a folder of its own, so two steps never clash). */
export function writePlanOutputs(runner: Runner, plans: Plan[]): void {
  const plan = newPlan(plans.flatMap((p) => p.locations));
  const file = join(mkdtempSync(join(runner.env.RUNNER_TEMP || tmpdir(), 'vppctl-')), 'plan.json');
  // With sourceRoot, so `vppctl apply --plan` of the file (an artifact, say) finds the location files.
  writeFileSync(file, planJson(forPlanFile(plan, file)));
  const t = totals(plan);
  runner.setOutput('has-changes', String(hasChanges(t)));
  runner.setOutput('plan-file', file);
  runner.setOutput('associate', String(t.associate));
  runner.setOutput('disassociate', String(t.disassociate));
  runner.setOutput('revoke', String(t.revoke));
  runner.setOutput('user-changes', String(userChanges(t)));
  runner.setOutput('requests', String(t.requests));
}
