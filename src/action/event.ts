/**
 * What triggered the run, and therefore what the action does: the event name and payload the
 * runner hands over (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH), reduced to the facts the action uses.
 */
import { readFileSync } from 'node:fs';
import type { ActionCommand } from './inputs.js';

export interface PullRequestInfo {
  number: number;
  /** The head branch lives in another repository: GitHub gives the run no secrets. */
  fork: boolean;
  headRepo?: string;
}

export interface ActionEvent {
  name: string;
  /** owner/repo */
  repository: string;
  sha: string;
  pullRequest?: PullRequestInfo;
}

interface Payload {
  pull_request?: {
    number?: number;
    head?: { repo?: { full_name?: string } | null };
    base?: { repo?: { full_name?: string } };
  };
}

function readPayload(file: string | undefined): Payload {
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Payload;
  } catch {
    return {};
  }
}

export function readEvent(env: NodeJS.ProcessEnv): ActionEvent {
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  const pr = payload.pull_request;
  const event: ActionEvent = {
    name: env.GITHUB_EVENT_NAME ?? '',
    repository: env.GITHUB_REPOSITORY ?? '',
    sha: env.GITHUB_SHA ?? '',
  };
  if (pr && typeof pr.number === 'number') {
    const headRepo = pr.head?.repo?.full_name;
    const baseRepo = pr.base?.repo?.full_name;
    // A deleted fork has head.repo null: still not this repository, still no secrets.
    event.pullRequest = { number: pr.number, fork: headRepo !== baseRepo, headRepo };
  }
  return event;
}

export interface Mode {
  command: ActionCommand;
  /** Plan with a detailed exit code and report drift (scheduled and manual runs). */
  driftCheck: boolean;
}

/** pull_request -> plan, push -> apply, schedule / workflow_dispatch -> plan with drift check. */
export function chooseMode(eventName: string, requested?: ActionCommand): Mode {
  const command = requested ?? (eventName === 'push' ? 'apply' : 'plan');
  const driftCheck = command === 'plan' && (eventName === 'schedule' || eventName === 'workflow_dispatch');
  return { command, driftCheck };
}
