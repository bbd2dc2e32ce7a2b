/**
 * Runs the action's entry in-process the way the runner does: INPUT_* and GITHUB_* variables, an
 * event payload file, output and summary files under a fresh RUNNER_TEMP; captures everything.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/action/index.js';

export interface ActionRun {
  exitCode: number;
  stdout: string;
  outputs: Record<string, string>;
  outputsRaw: string;
  summary: string;
  env: NodeJS.ProcessEnv;
}

export interface ActionSetup {
  event: string;
  payload?: unknown;
  inputs?: Record<string, string>;
  /** Extra variables: tokens, VPP_BASE_URL. */
  env?: Record<string, string>;
  sha?: string;
}

export const REPOSITORY = 'acme/licenses';

/** The runner's heredoc format: name<<DELIMITER \n value \n DELIMITER. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const end = lines.indexOf(m[2], i + 1);
    out[m[1]] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return out;
}

export function payloadFile(dir: string, payload: unknown): string {
  const file = join(dir, 'event.json');
  writeFileSync(file, JSON.stringify(payload ?? {}));
  return file;
}

export function actionEnv(setup: ActionSetup): NodeJS.ProcessEnv {
  const temp = mkdtempSync(join(tmpdir(), 'vppctl-action-test-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: setup.event,
    GITHUB_EVENT_PATH: payloadFile(temp, setup.payload),
    GITHUB_OUTPUT: join(temp, 'output.txt'),
    GITHUB_STEP_SUMMARY: join(temp, 'summary.md'),
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_SHA: setup.sha ?? 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    RUNNER_TEMP: temp,
    'INPUT_GITHUB-TOKEN': 'ghs_fakeGithubToken0123456789',
    INPUT_COMMENT: 'true',
    'INPUT_FAIL-ON-DRIFT': 'false',
    INPUT_PATH: '.',
    INPUT_COMMAND: '',
  };
  for (const [name, value] of Object.entries(setup.inputs ?? {})) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  writeFileSync(env.GITHUB_OUTPUT!, '');
  writeFileSync(env.GITHUB_STEP_SUMMARY!, '');
  return { ...env, ...setup.env };
}

function readOrEmpty(file: string | undefined): string {
  try {
    return file ? readFileSync(file, 'utf8') : '';
  } catch {
    return '';
  }
}

export async function runAction(setup: ActionSetup): Promise<ActionRun> {
  const env = actionEnv(setup);
  let stdout = '';
  const exitCode = await main({ env, stdout: { write: (s: string) => (stdout += s) } });
  const outputsRaw = readOrEmpty(env.GITHUB_OUTPUT);
  return { exitCode, stdout, outputs: parseOutputs(outputsRaw), outputsRaw, summary: readOrEmpty(env.GITHUB_STEP_SUMMARY), env };
}

export function pullRequestPayload(number: number, head = REPOSITORY, base = REPOSITORY): unknown {
  return {
    action: 'synchronize',
    number,
    pull_request: { number, head: { repo: { full_name: head } }, base: { repo: { full_name: base } } },
  };
}
