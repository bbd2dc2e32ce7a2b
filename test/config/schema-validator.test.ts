/**
 * vppctl validates with the schema compiled ahead of time into a committed module; it must be
 * what compiling the current schema with the installed ajv gives.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('src/config/schema-validator.generated.ts', () => {
  it('is up to date with schemas/vppctl.schema.json (npm run build:schema rebuilds it)', async () => {
    const { stdout } = await run(process.execPath, ['scripts/build-schema-validator.mjs', '--check']);
    expect(stdout).toContain('is up to date');
  });
});
