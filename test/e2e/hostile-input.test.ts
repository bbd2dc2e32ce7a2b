/**
 * Hostile or mistaken input and settings, with the built CLI (issue 16, items 4 to 8): every one
 * ends in a located or named sentence, nothing raw reaches the terminal, and the simulator's log
 * shows what was (not) sent.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './run-cli.js';
import { CENTRAL_YAML, centralState, posted, simRigs } from './sim-rig.js';

const rig = simRigs();

/** Control, format and bidirectional characters: none may reach a terminal raw. */
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;

async function centralCopy(dir: string, edit: (text: string) => string): Promise<string> {
  const file = join(dir, 'central.yaml');
  await writeFile(file, edit(await readFile(join(ROOT, CENTRAL_YAML), 'utf8')));
  return file;
}

describe('hostile ids and names', () => {
  it('validate refuses hidden characters at their place, shows look-alikes escaped, and prints nothing raw', async () => {
    const r = await rig(await centralState());
    const file = await centralCopy(r.dir, (t) =>
      t
        .replace('name: Central School', 'name: "Central\\e[2J School"')
        .replace('[s-1001, s-1002,', '["s-1001\\u200b", "s\\u20111002",'),
    );
    const v = await r.run(['validate', file]);
    expect(v.code).toBe(1);
    expect(v.stdout + v.stderr).not.toMatch(RAW);
    expect(v.stderr).toMatch(/central\.yaml:9:9: error: location name `Central\\u001b\[2J School` holds U\+001B \(a control character\)/);
    expect(v.stderr).toMatch(/central\.yaml:\d+:\d+: error: user id `s-1001\\u200b` holds U\+200B \(a zero-width space\)/);
    expect(v.stderr).toMatch(/central\.yaml:\d+:\d+: warning: user id `s\\u20111002` holds U\+2011, which looks like `-`; Apple treats it as a different id than `s-1002`/);
  });

  it('plan warns, at its line, about a serial number that equals a live one but for letter case', async () => {
    const r = await rig(await centralState());
    const file = await centralCopy(r.dir, (t) => t.replace('devices: [DMPXK1A2B301,', 'devices: [dmpxk1a2b301,'));
    const plan = await r.run(['plan', file]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/device `dmpxk1a2b301` \(declared for .*\) differs only in letter case from `DMPXK1A2B301`.* at .*central\.yaml:\d+:\d+/);
    expect(r.sim.log.writes()).toEqual([]);
  });
});

describe('files that would crash the loader', () => {
  it('5,000 nested brackets and a 3,000-deep chain of groups are located errors', async () => {
    const r = await rig(await centralState());
    const brackets = join(r.dir, 'brackets.yaml');
    await writeFile(brackets, `version: 1\nlocation:\n  name: X\nassets: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    const chain = join(r.dir, 'chain.yaml');
    const groups = Array.from({ length: 3000 }, (_, i) => `  g${i}:\n    ${i < 2999 ? `groups: [g${i + 1}]` : 'users: [a]'}`).join('\n');
    await writeFile(chain, `version: 1\nlocation:\n  name: X\ngroups:\n${groups}\n`);
    for (const [file, said] of [
      [brackets, /brackets\.yaml:4:\d+: error: the file nests lists and mappings more than 64 levels deep here/],
      [chain, /chain\.yaml:\d+:\d+: error: groups include each other more than 100 levels deep/],
    ] as const) {
      const v = await r.run(['validate', file]);
      expect(v.code).toBe(1);
      expect(v.stderr).toMatch(said);
      expect(v.stderr).not.toContain('Maximum call stack');
    }
  });

  it('an over-indented line is reported at that line', async () => {
    const r = await rig(await centralState());
    const file = join(r.dir, 'indent.yaml');
    await writeFile(file, 'version: 1\nlocation:\n  name: X\nusers:\n  - clientUserId: a\n      email: a@b.c\n');
    const v = await r.run(['validate', file]);
    expect(v.stderr).toMatch(/indent\.yaml:6:7: error: YAML syntax: this line is indented deeper than the line above it/);
  });
});

describe('files vppctl writes', () => {
  it('plan --out onto a folder, and import --out through a file, say why in words', async () => {
    const r = await rig(await centralState(), { tokenEnv: ['VPP_TOKEN_CENTRAL', 'VPP_TOKEN'] });
    const folder = join(r.dir, 'a-folder');
    await mkdir(folder);
    const plan = await r.run(['plan', CENTRAL_YAML, '--out', folder]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(`cannot write the plan to ${folder}: it is a folder, not a file.`);
    const blocker = join(r.dir, 'blocker');
    await writeFile(blocker, 'x');
    const imported = await r.run(['import', '--out', join(blocker, 'vpp')]);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain('it, or a folder on its path, is a file, not a folder.');
    expect(plan.stderr + imported.stderr).not.toMatch(/EISDIR|EEXIST|ENOTDIR|EACCES/);
  });
});

describe('settings that put a token at risk, or the run', () => {
  it('VPP_BASE_URL over plain HTTP to another host is refused before anything is sent, unless allowed', async () => {
    const r = await rig(await centralState());
    const remote = await r.run(['plan', CENTRAL_YAML], { VPP_BASE_URL: 'http://192.0.2.10/mdm/v2' });
    expect(remote.code).toBe(1);
    expect(remote.stderr).toContain('refusing to send the content token over plain HTTP to 192.0.2.10 (VPP_BASE_URL)');
    expect(remote.stderr).toContain('VPP_ALLOW_PLAIN_HTTP=1');
    // Allowed, the same address is tried (and, being unroutable, fails to connect instead).
    const allowed = await r.run(['plan', CENTRAL_YAML], { VPP_BASE_URL: 'http://192.0.2.10/mdm/v2', VPP_ALLOW_PLAIN_HTTP: '1', VPP_REQUEST_TIMEOUT: '1' });
    expect(allowed.stderr).not.toContain('refusing to send');
  });

  it("--poll-interval under 30 s against Apple's address is refused before anything is sent", async () => {
    const r = await rig(await centralState());
    const applied = await r.run(['apply', CENTRAL_YAML, '--yes', '--poll-interval', '1'], { VPP_BASE_URL: undefined });
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain("--poll-interval 1 is under Apple's minimum of 30 s between polls of a pending event");
  });

  it('apply with --state-dir inside /proc fails at once, before any request', async () => {
    const r = await rig(await centralState());
    const started = Date.now();
    const applied = await r.run(['apply', CENTRAL_YAML, '--yes', '--poll-interval', '0.05', '--state-dir', '/proc/self/vppctl']);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('the state dir /proc/self/vppctl is inside /proc, a kernel view, not a folder for files');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r.sim.log.entries).toEqual([]);
    expect(posted(r.sim)).toEqual([]);
  });
});
