/**
 * vppctl validates desired-state files and saved plans with schemas compiled ahead of time into
 * committed modules; they must be what compiling the current schemas with the installed ajv gives.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('the generated schema validators', () => {
  it('are up to date with schemas/vppctl.schema.json and schemas/plan.schema.json (npm run build:schema rebuilds them)', async () => {
    const { stdout } = await run(process.execPath, ['scripts/build-schema-validator.mjs', '--check']);
    expect(stdout).toContain('src/config/schema-validator.generated.ts is up to date');
    expect(stdout).toContain('src/plan/plan-schema-validator.generated.ts is up to date');
  });
});
