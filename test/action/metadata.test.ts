/** action.yml and the example workflow say what the code does. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readInputs } from '../../src/action/index.js';

interface ActionYml {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
}

describe('action.yml', () => {
  const action = parse(readFileSync('action.yml', 'utf8')) as ActionYml;

  it('declares exactly the inputs the action reads, under the runner names', () => {
    const read: string[] = [];
    const env = new Proxy({} as NodeJS.ProcessEnv, {
      get: (_t, name) => {
        if (typeof name === 'string' && name.startsWith('INPUT_')) read.push(name);
        return undefined;
      },
    });
    readInputs(env);
    const declared = Object.keys(action.inputs).map((n) => `INPUT_${n.replace(/ /g, '_').toUpperCase()}`);
    expect(read.sort()).toEqual(declared.sort());
    expect(action.inputs['github-token'].default).toBe('${{ github.token }}');
    expect(action.inputs.comment.default).toBe('true');
    expect(action.inputs['fail-on-drift'].default).toBe('false');
  });

  it('declares every output the action sets', () => {
    const src = ['outputs.ts', 'index.ts'].map((f) => readFileSync(`src/action/${f}`, 'utf8')).join('\n');
    const set = [...src.matchAll(/setOutput\('([a-z-]+)'/g)].map((m) => m[1]);
    expect(set.sort()).toEqual(Object.keys(action.outputs).sort());
  });
});

describe('examples/github/vppctl.yml', () => {
  const text = readFileSync('examples/github/vppctl.yml', 'utf8');
  const workflow = parse(text) as {
    on: Record<string, { branches?: string[] } | null>;
    permissions: Record<string, string>;
    concurrency: { group: string; 'cancel-in-progress': unknown };
    jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown>; env?: Record<string, string> }[] }>;
  };

  it('runs on pull requests, pushes to main, a schedule and by hand, never pull_request_target', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push', 'schedule', 'workflow_dispatch']);
    expect(workflow.on.push?.branches).toEqual(['main']);
    expect(text).not.toMatch(/^\s*pull_request_target\s*:/m);
  });

  it('asks only for the permissions it needs and serialises applies', () => {
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(workflow.concurrency.group).toContain('${{ github.ref }}');
    // Never cancel a running apply on main.
    expect(workflow.concurrency['cancel-in-progress']).not.toBe(true);
  });

  it('maps each token secret to the variable name a location file gives', () => {
    const step = Object.values(workflow.jobs)
      .flatMap((j) => j.steps)
      .find((s) => s.uses?.includes('vppctl'));
    expect(step?.uses).toMatch(/^(\.\/|[\w-]+\/vppctl@v1)$/);
    const env = Object.entries(step?.env ?? {});
    expect(env.length).toBeGreaterThan(0);
    for (const [name, value] of env) expect(value).toBe(`\${{ secrets.${name} }}`);
  });

  it('keeps the live-state cache the Action writes between runs: a key per run, restored by the location set', () => {
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    const cache = steps.findIndex((s) => s.uses?.startsWith('actions/cache@'));
    expect(cache).toBeGreaterThanOrEqual(0);
    expect(cache).toBeLessThan(steps.findIndex((s) => s.uses?.includes('vppctl')));
    expect(steps[cache]!.with).toEqual({
      path: '${{ runner.temp }}/vppctl-state/cache',
      key: 'vppctl-cache-vpp-${{ github.run_id }}',
      'restore-keys': 'vppctl-cache-vpp-',
    });
  });
});

describe('examples/github/vppctl-matrix.yml', () => {
  const workflow = parse(readFileSync('examples/github/vppctl-matrix.yml', 'utf8')) as {
    jobs: Record<
      string,
      {
        needs?: string;
        outputs?: Record<string, string>;
        strategy?: { 'fail-fast': boolean; matrix: { include: string } };
        concurrency?: { group: string; 'cancel-in-progress': unknown };
        steps: { id?: string; uses?: string; with?: Record<string, unknown> }[];
      }
    >;
  };
  const list = workflow.jobs.locations!;
  const job = workflow.jobs.vppctl!;
  const step = (j: typeof job, id: string) => j.steps.find((s) => s.id === id);

  it('lists the location files with a validate step that needs no token', () => {
    expect(step(list, 'list')?.with).toMatchObject({ command: 'validate' });
    expect(list.outputs?.locations).toBe('${{ steps.list.outputs.locations }}');
  });

  it('runs one job per location, none cancelling the others, each with its own token, comment, artifact and concurrency group', () => {
    expect(job.needs).toBe('locations');
    expect(job.strategy?.['fail-fast']).toBe(false);
    expect(job.strategy?.matrix.include).toBe('${{ fromJSON(needs.locations.outputs.locations) }}');
    expect(step(job, 'vppctl')?.with).toMatchObject({ path: '${{ matrix.file }}', token: '${{ secrets[matrix.tokenEnv] }}' });
    const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(upload?.with?.name).toBe('vppctl-plan-${{ matrix.key }}');
    expect(job.concurrency?.group).toBe('vppctl-${{ github.ref }}-${{ matrix.key }}');
    expect(job.concurrency?.['cancel-in-progress']).not.toBe(true);
    const cache = job.steps.find((s) => s.uses?.startsWith('actions/cache@'));
    expect(cache?.with).toMatchObject({ key: 'vppctl-cache-${{ matrix.key }}-${{ github.run_id }}', 'restore-keys': 'vppctl-cache-${{ matrix.key }}-' });
  });
});
