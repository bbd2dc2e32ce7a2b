/**
 * `vppctl status` with the built CLI against the example school in the simulator: the same
 * counts in every format, reads only, and the token's expiry as a warning within 30 days.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StatusReport } from '../../src/status/types.js';
import { CENTRAL_YAML, centralState, simRigs } from './sim-rig.js';

const rig = simRigs();
const DAY = 86_400_000;

describe('vppctl status examples/central-school.yaml', () => {
  it('json, text, markdown and csv tell the same counts; nothing is written to the location', async () => {
    const r = await rig(await centralState());
    const status = (format: string) => r.run(['status', CENTRAL_YAML, '--format', format, '--state-dir', join(r.dir, 'state')]);

    const json = await status('json');
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as StatusReport;
    const [loc] = report.locations;
    expect(loc).toMatchObject({ name: 'Central School', source: CENTRAL_YAML, uId: '2049025000431439', token: { orgName: 'Central School', daysLeft: 365 } });
    expect(loc!.claim).toBeUndefined();
    const pages = loc!.assets.find((a) => a.adamId === '361309726');
    // The file names neither Pages nor iMovie: the store does.
    expect(pages).toEqual({ adamId: '361309726', pricingParam: 'STDQ', name: 'Pages', kind: 'app', total: 25, assigned: 16, available: 9, retired: 0, availableAfterPlan: 8, reclaimable: 0, declared: true });
    expect(loc!.assets.find((a) => a.adamId === '361285480')).toMatchObject({ name: 'Keynote', retired: 2, reclaimable: 2 });
    expect(loc!.assets.find((a) => a.adamId === '1559451201')).toMatchObject({ kind: 'book', availableAfterPlan: 13 });
    expect(loc!.subscriptions).toEqual([
      { adamId: 67890, total: { renewing: 25, expiring: 5 }, assigned: { renewing: 4, expiring: 1 }, available: { renewing: 21, expiring: 4 } },
    ]);

    const text = await status('text');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Location "Central School" (examples/central-school.yaml, uId 2049025000431439)');
    expect(text.stdout).toMatch(/^ {2}Token: Central School, expires \d{4}-\d\d-\d\d \(in 365 days\)$/m);
    expect(text.stdout).toMatch(/^ {2}Pages +app +361309726 +STDQ +25 +16 +9 +0 +8 +0$/m);
    expect(text.stdout).toMatch(/^ {2}\(unnamed\) +67890 +25 renewing, 5 expiring +4 renewing, 1 expiring +21 renewing, 4 expiring$/m);

    const markdown = await status('markdown');
    expect(markdown.stdout).toContain('| Pages | app | 361309726 | STDQ | 25 | 16 | 9 | 0 | 8 | 0 |');
    expect(markdown.stdout).toContain('- **Claimed by:** nobody');

    const csv = await status('csv');
    const rows = csv.stdout.trimEnd().split('\r\n').map((l) => l.split(','));
    expect(rows[0]!.slice(0, 14)).toEqual(['location', 'source', 'uId', 'type', 'adamId', 'pricingParam', 'name', 'kind', 'total', 'assigned', 'available', 'retired', 'availableAfterPlan', 'reclaimable']);
    expect(rows.every((row) => row.length === rows[0]!.length)).toBe(true);
    expect(rows).toContainEqual(['Central School', CENTRAL_YAML, '2049025000431439', 'asset', '361309726', 'STDQ', 'Pages', 'app', '25', '16', '9', '0', '8', '0', '', '', '', '', '', '']);
    expect(rows.filter((row) => row[3] === 'subscription')).toEqual([
      ['Central School', CENTRAL_YAML, '2049025000431439', 'subscription', '67890', '', '', 'subscription', '', '', '', '', '', '', '25', '5', '4', '1', '21', '4'],
    ]);

    expect(r.sim.log.writes()).toEqual([]);
  });

  it('needs nothing but the location block: every app and book of the location, named by the store', async () => {
    const r = await rig(await centralState());
    const file = join(r.dir, 'bare.yaml');
    await writeFile(file, 'version: 1\nlocation:\n  name: Central School\n  token: VPP_TOKEN_CENTRAL\n');
    const json = await r.run(['status', file, '--format', 'json', '--parallel', '1']);
    expect(json.code, json.stderr).toBe(0);
    const assets = (JSON.parse(json.stdout) as StatusReport).locations[0]!.assets;
    expect(assets.map((a) => [a.name, a.declared])).toEqual([
      ['GarageBand', false], ['Grade 5 Reader', false], ['Keynote', false], ['Numbers', false], ['Pages', false], ['iMovie', false],
    ]);
    expect(r.sim.log.writes()).toEqual([]);
  });

  it('warns of a token within 30 days, in status and in the plan; not at 45', async () => {
    const soon = await rig(await centralState(), { expDate: new Date(Date.now() + 20 * DAY + 3_600_000) });
    const status = await soon.run(['status', CENTRAL_YAML, '--state-dir', join(soon.dir, 'state')]);
    expect(status.stdout).toMatch(/Warning: the content token for Central School expires on \d{4}-\d\d-\d\d \(in 21 days\)/);
    const plan = await soon.run(['plan', CENTRAL_YAML, '--format', 'markdown', '--state-dir', join(soon.dir, 'state')]);
    expect(plan.stdout).toMatch(/- the content token for Central School expires on \d{4}-\d\d-\d\d \(in 21 days\)/);

    const later = await rig(await centralState(), { expDate: new Date(Date.now() + 45 * DAY) });
    const quiet = await later.run(['plan', CENTRAL_YAML, '--state-dir', join(later.dir, 'state')]);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain('Warning');
  });
});
