/**
 * Apply's lock and its Ctrl-C, from outside with the built CLI: two applies of one location never
 * both send; a lock a dead process left is taken over with a note; Ctrl-C gives the terminal back,
 * says how to resume, exits 130 and leaves a journal the next apply resumes from without resending
 * what Apple accepted.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from './run-cli.js';
import { CENTRAL_YAML, centralState, desiredOf, holdersCompared, posted, simRigs, type Rig } from './sim-rig.js';

const rig = simRigs();
const UID = '2049025000431439';
const PLANNED_REQUESTS = 7; // test/e2e/plan.test.ts works the figure out by hand

/** Resolves when `check` holds, polling; fails after `ms`. */
async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function exited(child: ChildProcess): Promise<{ code: number | null; out: string }> {
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })));
}

describe('the apply lock', () => {
  it('two applies of one location at once: one applies, the other refuses naming the holder, and no write goes twice', async () => {
    // Events stay pending a while, so the first apply is still running when the second would start.
    const r = await rig(await centralState(), { simOptions: { eventPendingMs: 400 } });
    const [a, b] = await Promise.all([r.apply([CENTRAL_YAML]), r.apply([CENTRAL_YAML])]);
    expect([a.code, b.code].sort()).toEqual([0, 1]);
    const loser = a.code === 1 ? a : b;
    expect(loser.stderr).toMatch(/error: Central School \(examples\/central-school\.yaml\): another apply of Central School/);
    expect(posted(r.sim)).toHaveLength(PLANNED_REQUESTS);
    const bodies = r.sim.log.writes().map((w) => `${w.path} ${JSON.stringify(w.body)}`);
    expect(new Set(bodies).size).toBe(bodies.length);
    // (Both read the location before either could lock it, so their reads may together pass the
    // rate; Apple's 429 is retried. Only the writing is exclusive.)
    const { want, have } = holdersCompared(await desiredOf(CENTRAL_YAML), r.sim);
    expect(have).toEqual(want);
    // Released: nothing but archived journals is left.
    expect(readdirSync(join(r.dir, 'journal')).filter((f) => f.startsWith('lock-'))).toEqual([]);
  });

  it('a lock left by a process of this host that died is taken over, with a note', async () => {
    const r = await rig(await centralState());
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
    mkdirSync(join(r.dir, 'journal'), { recursive: true });
    const lock = join(r.dir, 'journal', `lock-${UID}.json`);
    writeFileSync(lock, JSON.stringify({ pid: dead, host: hostname(), command: 'vppctl apply (killed)', since: '2026-01-01T00:00:00.000Z' }));
    const applied = await r.apply([CENTRAL_YAML]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toContain(`note: Central School: took over the lock left by process ${dead} (\`vppctl apply (killed)\`, since 2026-01-01T00:00:00.000Z), which is no longer running`);
    expect(existsSync(lock)).toBe(false);
  });

  it("a lock held by a live process refuses the apply, exit 1, nothing written", async () => {
    const r = await rig(await centralState());
    mkdirSync(join(r.dir, 'journal'), { recursive: true });
    writeFileSync(join(r.dir, 'journal', `lock-${UID}.json`), JSON.stringify({ pid: process.pid, host: hostname(), command: 'vppctl apply vpp/ --yes', since: '2026-01-01T00:00:00.000Z' }));
    const applied = await r.apply([CENTRAL_YAML]);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain(`another apply of Central School (uId ${UID}) is running: process ${process.pid} on ${hostname()} (\`vppctl apply vpp/ --yes\`)`);
    expect(r.sim.log.writes()).toEqual([]);
  });
});

describe('Ctrl-C during apply', () => {
  async function interrupted(r: Rig, start: () => ChildProcess, interrupt: (child: ChildProcess) => void): Promise<{ code: number | null; out: string }> {
    const child = start();
    const done = exited(child);
    await until(() => r.sim.log.writes().length >= 2);
    interrupt(child);
    return done;
  }

  function journalOf(r: Rig): { t: string; id?: number; body?: unknown }[] {
    return readFileSync(join(r.dir, 'journal', `apply-${UID}.jsonl`), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { t: string });
  }

  it('says how to resume, exits 130, releases the lock; the next apply resumes without resending what Apple accepted', async () => {
    const r = await rig(await centralState(), { simOptions: { eventPendingMs: 3_000 } });
    const args = ['apply', CENTRAL_YAML, '--yes', '--poll-interval', '0.05', '--state-dir', join(r.dir, 'journal')];
    const { code, out } = await interrupted(
      r,
      () => spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { PATH: process.env.PATH, NO_COLOR: '1', ...r.env } }),
      (child) => child.kill('SIGINT'),
    );
    expect(code).toBe(130);
    expect(out).toContain('interrupted; run apply again to resume');
    expect(existsSync(join(r.dir, 'journal', `lock-${UID}.json`))).toBe(false);
    // The journal is whole: every line parses, and the writes Apple accepted are in it.
    const records = journalOf(r);
    const accepted = new Set(records.filter((x) => x.t === 'accepted').map((x) => x.id));
    expect(accepted.size).toBeGreaterThan(0);
    const acceptedBodies = records.filter((x) => x.t === 'intent' && accepted.has(x.id)).map((x) => JSON.stringify(x.body));

    const again = await r.apply([CENTRAL_YAML]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('resuming an interrupted apply');
    const sent = r.sim.log.writes().map((w) => JSON.stringify(w.body));
    for (const body of acceptedBodies) expect(sent.filter((b) => b === body)).toHaveLength(1);
    const { want, have } = holdersCompared(await desiredOf(CENTRAL_YAML), r.sim);
    expect(have).toEqual(want);
  });

  it('at the confirmation question is a "no": nothing is changed', async () => {
    const r = await rig(await centralState());
    const command = [process.execPath, CLI, 'apply', CENTRAL_YAML, '--state-dir', join(r.dir, 'journal')].join(' ');
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: ROOT, env: { PATH: process.env.PATH, TERM: 'xterm-256color', ...r.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let seen = '';
    child.stdout?.on('data', (d: Buffer) => (seen += d.toString()));
    const done = exited(child);
    await until(() => seen.includes('Only "yes" will be accepted'));
    child.stdin?.write('\u0003');
    const { code, out } = await done;
    expect(code).toBe(1);
    expect(out).toContain('Apply cancelled. Nothing was changed.');
    expect(posted(r.sim)).toEqual([]);
  });

  it('at a terminal, stops the progress lines and shows the cursor again', async () => {
    const r = await rig(await centralState(), { simOptions: { eventPendingMs: 3_000 } });
    const command = [process.execPath, CLI, 'apply', CENTRAL_YAML, '--yes', '--poll-interval', '0.05', '--state-dir', join(r.dir, 'journal')].join(' ');
    // script(1) runs the CLI on a pseudo-terminal; ^C typed into it is a real Ctrl-C.
    const { code, out } = await interrupted(
      r,
      () =>
        spawn('script', ['-qfec', command, '/dev/null'], {
          cwd: ROOT,
          env: { PATH: process.env.PATH, TERM: 'xterm-256color', ...r.env },
          stdio: ['pipe', 'pipe', 'pipe'],
        }),
      (child) => child.stdin?.write('\u0003'),
    );
    expect(code).toBe(130);
    const hidden = out.lastIndexOf('\u001b[?25l');
    expect(hidden).toBeGreaterThanOrEqual(0);
    expect(out.indexOf('\u001b[?25h', hidden)).toBeGreaterThan(hidden);
    expect(out).toContain('interrupted; run apply again to resume');
  });
});
