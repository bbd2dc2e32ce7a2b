import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runBuiltCli } from './run-cli.js';

describe('vppctl --help', () => {
  it('lists every command and explains the environment and exit codes', async () => {
    const r = await runBuiltCli(['--help'], {});
    expect(r.code).toBe(0);
    for (const command of ['validate', 'plan', 'apply', 'import', 'sim', 'demo']) expect(r.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    expect(r.stdout).toContain('VPP_BASE_URL');
    expect(r.stdout).toContain('NO_COLOR');
    expect(r.stdout).toContain('Exit codes');
  });

  it.each([
    ['plan', ['--format', '--out', '--detailed-exitcode', '--allow-mass-removal', '--take-over', 'Examples']],
    ['apply', ['--plan', '--yes', '--poll-interval', '--state-dir', '--take-over', 'Examples']],
    ['import', ['--out', '--token-env', 'Example']],
    ['sim', ['--port', '--state', 'Example']],
    ['validate', ['Example']],
  ])('%s --help explains its flags with an example', async (command, words) => {
    const r = await runBuiltCli([command, '--help'], {});
    expect(r.code).toBe(0);
    for (const w of words) expect(r.stdout).toContain(w);
  });

  it.each([['--version'], ['-V']])('%s prints the version package.json gives, and nothing else', async (flag) => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    // No VPP_BASE_URL, no token: the version needs neither (nor any network).
    const r = await runBuiltCli([flag], {});
    expect(r).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('an unknown flag is a usage error with exit code 1', async () => {
    const r = await runBuiltCli(['plan', '--formatt', 'json'], {});
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("unknown option '--formatt'");
  });

  it('no command shows help and exits 1', async () => {
    const r = await runBuiltCli([], {});
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('Usage: vppctl');
  });
});
