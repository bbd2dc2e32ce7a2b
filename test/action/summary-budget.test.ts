/**
 * The job summary of a step may hold 1 MiB; past that GitHub drops it whole. However many
 * locations and paths a run has, what the action appends stays under it, every path gets its part,
 * and the last line says where the rest is.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRunner, SUMMARY_BUDGET } from '../../src/action/runner.js';
import { planMarkdown, SUMMARY_LIMIT } from '../../src/action/report.js';
import type { LocationPlan } from '../../src/plan/types.js';
import { centralWithChanges, plan } from '../render/fixtures.js';

function summaryFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'vppctl-summary-')), 'summary.md');
  writeFileSync(file, '');
  return file;
}

/** A path's plan with `n` locations that all change (names with multi-byte characters). */
function bigPlan(path: number, n: number) {
  const locations: LocationPlan[] = Array.from({ length: n }, (_, i) => ({ ...centralWithChanges(), name: `Schüle ${path}-${i} 🏫`, source: `vpp/p${path}/l${i}.yaml` }));
  return { plan: plan(...locations), failures: [{ name: `Broken ${path}`, source: `vpp/p${path}/x.yaml`, error: 'the token expired' }] };
}

describe('the job summary budget', () => {
  it('stays under 1 MiB with 60 paths of 400 locations each, every path with its heading', () => {
    const file = summaryFile();
    const runner = createRunner({ GITHUB_STEP_SUMMARY: file }, { write: () => true });
    const paths = 60;
    for (let p = 0; p < paths; p++) {
      const room = Math.min(SUMMARY_LIMIT, Math.floor(runner.summaryRoom() / (paths - p)));
      runner.appendSummary(planMarkdown(`vpp/p${p}`, bigPlan(p, 400), { sha: 'abc1234' }, room, 'summary'));
    }
    const size = statSync(file).size;
    expect(size).toBeLessThanOrEqual(1024 * 1024);
    expect(size).toBeGreaterThan(SUMMARY_BUDGET * 0.9);
    const text = readFileSync(file, 'utf8');
    for (let p = 0; p < paths; p++) expect(text).toContain(`## vppctl plan: \`vpp/p${p}\``);
    expect(text).toContain('**Truncated.** The full plan is in the log of the workflow run and in the `plan-file` output.');
  });

  it('cuts what does not fit at a line end and says once that the summary is full', () => {
    const file = summaryFile();
    const runner = createRunner({ GITHUB_STEP_SUMMARY: file }, { write: () => true });
    const section = `${'é'.repeat(99)}\n`.repeat(100); // 20,000 bytes, 10,000 characters
    for (let i = 0; i < 200; i++) runner.appendSummary(section);
    const text = readFileSync(file, 'utf8');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1024 * 1024);
    expect(text.match(/The job summary is full/g)).toHaveLength(1);
    expect(text.endsWith('output.\n')).toBe(true);
    // Whole lines only before the note.
    const body = text.slice(0, text.indexOf('\n\n**The job summary is full**'));
    expect(body.split('\n').every((l) => l === '' || l === 'é'.repeat(99))).toBe(true);
    expect(runner.summaryRoom()).toBe(0);
  });
});
