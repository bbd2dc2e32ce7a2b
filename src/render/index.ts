/**
 * Render: shows a plan to people and machines. Pure functions from a `Plan` to a string; nothing
 * here reads the environment except `colorEnabled`, which the CLI asks once.
 *
 * - `renderText`: the terminal view, Terraform-style. Per location a header (name, file, uId,
 *   mdmInfo claim), one line per changed asset, users, revokes and subscriptions with `+`/`-`/`~`
 *   counts, the request count against its batching lower bound; then warnings and errors; last the
 *   summary line (`Plan: …` or `No changes. …`) and, when the plan has errors, `Plan failed: …`.
 *   Member lists only with `verbose` (off by default). Colour only when asked (`colorEnabled`
 *   decides from NO_COLOR, FORCE_COLOR, TERM and the TTY).
 * - `renderMarkdown`: the pull-request comment: summary table, errors, warnings, per-change
 *   `<details>` with member diffs, kept under `maxLength` (65,000) by leaving out the largest member
 *   lists first, then whole details; the table, errors and summary line are never cut.
 * - `renderStatusText`, `renderStatusMarkdown`, `renderStatusCsv`: `vppctl status`, per location
 *   the token's expiry, the claim and a table of counts per app, book and subscription, the same
 *   columns in each (status-rows.ts); CSV is one row per asset and subscription for spreadsheets.
 * The plan as JSON (`--out`, `--format json`) is the plan file's business: src/plan/plan-file.ts.
 *
 * Text and Markdown end with their last line and no newline.
 */
export { colorEnabled } from './color.js';
export { renderMarkdown } from './markdown.js';
export { escapeHtml, escapeMarkdown, fenced } from './markdown-escape.js';
export { failedLine, hasChanges, summaryLine, totals, userChanges, type PlanTotals } from './summary-line.js';
export { renderStatusCsv } from './status-csv.js';
export { renderStatusMarkdown } from './status-markdown.js';
export { renderStatusText } from './status-text.js';
export { renderText } from './text.js';
