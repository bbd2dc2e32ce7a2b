/**
 * `vppctl status --format csv`: one row per app, book and subscription of every location, for a
 * spreadsheet. Fields holding a comma, a quote or a line break are quoted (RFC 4180); a field
 * starting with =, +, - or @ gets a leading ' so a spreadsheet shows a store name instead of
 * running it as a formula.
 */
import type { StatusReport } from '../status/types.js';
import { visibleText } from '../shared/visible-text.js';

const HEADER = [
  'location', 'source', 'uId', 'type', 'adamId', 'pricingParam', 'name', 'kind',
  'total', 'assigned', 'available', 'retired', 'availableAfterPlan', 'reclaimable',
  'totalRenewing', 'totalExpiring', 'assignedRenewing', 'assignedExpiring', 'availableRenewing', 'availableExpiring',
];

const name = (n: string | undefined): string => (n === undefined ? '' : visibleText(n));

function field(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function renderStatusCsv(report: StatusReport): string {
  const rows: (string | number | null | undefined)[][] = [HEADER];
  for (const loc of report.locations) {
    const where = [loc.name, loc.source, loc.uId];
    for (const a of loc.assets) {
      rows.push([...where, 'asset', a.adamId, a.pricingParam, name(a.name), a.kind, a.total, a.assigned, a.available, a.retired, a.availableAfterPlan, a.reclaimable, '', '', '', '', '', '']);
    }
    for (const s of loc.subscriptions) {
      const c = s.total;
      rows.push([...where, 'subscription', s.adamId, '', name(s.name), 'subscription', '', '', '', '', '', '', c.renewing, c.expiring, s.assigned.renewing, s.assigned.expiring, s.available.renewing, s.available.expiring]);
    }
  }
  return `${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}
