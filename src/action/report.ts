/**
 * The Markdown the action writes for people: pull-request comments and job summary sections.
 * The plan itself is rendered by src/render; this adds who/what/where around it and keeps each
 * text under GitHub's size limits.
 */
import type { Diagnostic } from '../config/types.js';
import type { LocationPlan, Plan } from '../plan/types.js';
import { escapeMarkdown, fenced, hasChanges, renderMarkdown, summaryLine } from '../render/index.js';

/** GitHub refuses comment bodies over 65,536 characters; leave room for the marker and footer. */
export const COMMENT_LIMIT = 60_000;
/** At most this much of the job summary for one path; paths share what is left (runner.summaryRoom). */
export const SUMMARY_LIMIT = 250_000;

/** A location that has no plan (or whose plan was not applied), and why. */
export interface LocationFailure {
  name: string;
  source: string;
  error: string;
}

/** Where the whole of a cut text is. */
export type Cut = 'comment' | 'summary';

export interface RunLinks {
  /** The commit the run is for, shortened. */
  sha: string;
  /** Link to this workflow run, when the runner says which one it is. */
  runUrl?: string;
}

export function runLinks(env: NodeJS.ProcessEnv): RunLinks {
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  const runUrl =
    env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  return { sha: (env.GITHUB_SHA ?? '').slice(0, 7), runUrl };
}

function truncate(markdown: string, limit: number, links: RunLinks, cut: Cut): string {
  if (markdown.length <= limit) return markdown;
  const run = links.runUrl ? `the [workflow run](${links.runUrl})` : 'the workflow run';
  const where = cut === 'comment' ? `in the job summary of ${run}` : `in the log of ${run} and in the \`plan-file\` output`;
  const note = `\n\n…\n\n**Truncated.** The full plan is ${where}.`;
  // Cut at a line end so a table row or fence is not split mid-line.
  const end = markdown.lastIndexOf('\n', limit - note.length);
  return `${markdown.slice(0, end > 0 ? end : Math.max(0, limit - note.length))}${note}`;
}

function failuresMarkdown(failures: readonly LocationFailure[]): string {
  if (failures.length === 0) return '';
  const items = failures.map((f) => `- **${escapeMarkdown(f.name)}** (\`${f.source.replace(/`/g, "'")}\`): ${escapeMarkdown(f.error)}`);
  return `### ❌ Not planned\n\n${items.join('\n')}\n\n`;
}

function footer(verb: string, path: string, links: RunLinks): string {
  const run = links.runUrl ? ` · [workflow run](${links.runUrl})` : '';
  const at = links.sha ? ` at ${links.sha}` : '';
  return `<sub>vppctl ${verb} of <code>${escapeMarkdown(path)}</code>${at}${run}</sub>`;
}

function title(command: string, path: string): string {
  return `${command}: \`${path.replace(/`/g, "'")}\``;
}

/** Room left for what surrounds the rendered plan (heading, footer, apply status). */
const FRAME = 2_000;

/** The plan of one path: the planned locations' plan, then the locations that could not be planned. */
export function planMarkdown(path: string, outcome: { plan: Plan; failures: readonly LocationFailure[] }, links: RunLinks, limit: number, cut: Cut): string {
  const failed = failuresMarkdown(outcome.failures);
  const body =
    outcome.plan.locations.length > 0
      ? `${renderMarkdown(outcome.plan, { title: title('vppctl plan', path), maxLength: limit - FRAME - failed.length })}\n\n${failed}`
      : `## ${title('vppctl plan', path)}\n\nvppctl could not make a plan for this path (missing token, unreachable API or an API error).\n\n${failed}`;
  return truncate(`${body}${footer('plan', path, links)}`, limit, links, cut);
}

export function invalidMarkdown(path: string, diagnostics: Diagnostic[], links: RunLinks): string {
  const lines = diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `- \`${d.file}:${d.line}:${d.col}\` ${escapeMarkdown(d.message)}${d.hint ? ` (${escapeMarkdown(d.hint)})` : ''}`);
  const text = `## ${title('vppctl plan', path)}\n\n**The desired state is invalid**, so there is no plan. Nothing was sent to Apple.\n\n${lines.join('\n')}\n\n${footer('validation', path, links)}`;
  return truncate(text, COMMENT_LIMIT, links, 'comment');
}

export function applyMarkdown(
  path: string,
  outcome: { exitCode: number; plan?: Plan; summary: string },
  links: RunLinks,
  limit: number,
  cut: Cut,
): string {
  const status = outcome.exitCode === 0 ? '✅ Applied: the live locations match the desired state.' : '❌ Apply failed: the live locations do not match the desired state yet.';
  const report = outcome.summary.trim() ? `${fenced(outcome.summary.trim(), 'text')}\n\n` : '';
  const planned = outcome.plan
    ? `<details><summary>The plan that was applied: ${escapeMarkdown(summaryLine(outcome.plan))}</summary>\n\n${renderMarkdown(outcome.plan, { title: 'Plan', maxLength: limit - FRAME - report.length })}\n\n</details>\n\n`
    : '';
  const text = `## ${title('vppctl apply', path)}\n\n**${status}**\n\n${report}${planned}${footer('apply', path, links)}`;
  return truncate(text, limit, links, cut);
}

/** Locations whose live state differs from their file. */
export function driftedLocations(plans: Plan[]): LocationPlan[] {
  return plans.flatMap((p) => p.locations).filter((l) => hasChanges(l.summary));
}

export function driftMarkdown(drifted: LocationPlan[]): string {
  if (drifted.length === 0) return '### vppctl drift check\n\nNo drift: every location matches its desired state.';
  const lines = drifted.map((l) => `- **${escapeMarkdown(l.name)}** (\`${l.source}\`): ${escapeMarkdown(summaryLine(l))}`);
  const count = drifted.length === 1 ? '1 location has' : `${drifted.length} locations have`;
  return `### vppctl drift check\n\n**${count} drifted** from the desired state:\n\n${lines.join('\n')}`;
}
