/**
 * The action's inputs, read the way the runner passes them: `INPUT_<NAME>` environment variables,
 * name uppercased, spaces turned into underscores, hyphens kept (`fail-on-drift` -> `INPUT_FAIL-ON-DRIFT`).
 */

export type ActionCommand = 'validate' | 'plan' | 'apply';

export interface ActionInputs {
  /** Unset: derived from the event (chooseMode in event.ts). */
  command?: ActionCommand;
  /** Desired-state files or folders, one per line; one plan comment per path. */
  paths: string[];
  githubToken: string;
  /** The sToken of the one location `path` holds (matrix jobs); empty: tokens come from env. */
  token: string;
  comment: boolean;
  failOnDrift: boolean;
  /** Seconds between /status polls during apply; unset keeps the default (Apple's 30 s minimum). */
  pollInterval?: number;
  /** Locations planned or applied at once within a path; unset keeps vppctl's default. */
  parallel?: number;
}

class InputError extends Error {}

function getInput(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

// The YAML 1.2 core schema booleans, as the runner's own toolkit accepts them.
function getBoolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = getInput(env, name);
  if (raw === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(raw)) return true;
  if (['false', 'False', 'FALSE'].includes(raw)) return false;
  throw new InputError(`Input ${name} must be true or false, not "${raw}".`);
}

export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const command = getInput(env, 'command');
  if (command !== '' && command !== 'validate' && command !== 'plan' && command !== 'apply') {
    throw new InputError(`Input command must be validate, plan or apply, not "${command}".`);
  }
  const paths = getInput(env, 'path')
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const interval = getInput(env, 'poll-interval');
  const pollInterval = interval === '' ? undefined : Number(interval);
  if (pollInterval !== undefined && !(pollInterval > 0)) {
    throw new InputError(`Input poll-interval must be a positive number of seconds, not "${interval}".`);
  }
  const rawParallel = getInput(env, 'parallel');
  const parallel = rawParallel === '' ? undefined : Number(rawParallel);
  if (parallel !== undefined && !(Number.isInteger(parallel) && parallel >= 1)) {
    throw new InputError(`Input parallel must be a whole number of 1 or more, not "${rawParallel}".`);
  }
  return {
    command: command === '' ? undefined : command,
    paths: paths.length > 0 ? [...new Set(paths)] : ['.'],
    githubToken: getInput(env, 'github-token'),
    token: getInput(env, 'token'),
    comment: getBoolean(env, 'comment', true),
    failOnDrift: getBoolean(env, 'fail-on-drift', false),
    pollInterval,
    parallel,
  };
}
