import { appendFileSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/apply/journal.js';

function dir() {
  return mkdtempSync(join(tmpdir(), 'vppctl-journal-'));
}

describe('journal', () => {
  it('leaves no trace until the first record: a look at an empty journal creates no state dir', () => {
    const d = join(dir(), '.vppctl');
    const j = Journal.open(d, '2049025000431439');
    expect(j.pending()).toEqual({ outstanding: [], unknown: [] });
    expect(existsSync(d)).toBe(false);
    j.intent('users/create', { users: [{ clientUserId: 'x' }] });
    expect(readdirSync(d)).toEqual(['apply-2049025000431439.jsonl']);
  });

  it('finds accepted-but-unsettled events and intents without an answer, across a reopen and a torn last line', () => {
    const d = dir();
    const j = Journal.open(d, '2049025000431439');
    const a = j.intent('assets/associate', { assets: [{ adamId: '1' }], clientUserIds: ['u'] });
    j.append({ t: 'accepted', id: a, eventId: 'e1', at: 5 });
    const b = j.intent('assets/associate', { assets: [{ adamId: '2' }], clientUserIds: ['u'] });
    j.append({ t: 'accepted', id: b, eventId: 'e2', at: 6 });
    j.append({ t: 'settled', id: b, eventId: 'e2', eventStatus: 'COMPLETE' });
    const c = j.intent('users/create', { users: [{ clientUserId: 'x' }] });
    const r = j.intent('assets/revoke', { clientUserIds: ['y'] });
    j.append({ t: 'rejected', id: r, errorNumber: 9602, message: 'no' });
    // kill -9 mid-write leaves half a line
    appendFileSync(j.path, '{"t":"accepted","id":4,"even');

    const again = Journal.open(d, '2049025000431439');
    const p = again.pending();
    expect(p.outstanding).toEqual([{ id: a, endpoint: 'assets/associate', body: { assets: [{ adamId: '1' }], clientUserIds: ['u'] }, eventId: 'e1', acceptedAt: 5 }]);
    expect(p.unknown.map((u) => u.id)).toEqual([c]);
    expect(again.nextId()).toBe(r + 1);
  });

  it('forgets everything before an end record, and archives a converged run', () => {
    const d = dir();
    const j = Journal.open(d, 'vpp/central.yaml');
    j.intent('users/create', { users: [{ clientUserId: 'x' }] });
    j.append({ t: 'end', at: 'now', converged: false });
    expect(j.pending()).toEqual({ outstanding: [], unknown: [] });
    const done = j.close({ archive: true, now: new Date('2026-01-01T00:00:00Z') });
    expect(done).toMatch(/\.done\.jsonl$/);
    expect(existsSync(j.path)).toBe(false);
    expect(readdirSync(d)).toEqual(['apply-vpp_central.yaml.2026-01-01T00-00-00-000Z.done.jsonl']);
  });
});
