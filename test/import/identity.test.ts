import { describe, expect, it } from 'vitest';
import { importIdentity } from '../../src/import/index.js';

const OTHER = { id: '11111111-2222-4333-8444-555555555555', name: 'OtherMDM' };
const OURS = { id: '6f1c1b7e-2d1f-4b1e-9f5a-0c6c2e7d9a10', name: 'vppctl' };
const fresh = () => 'fresh-uuid';

describe('importIdentity', () => {
  it("never hands back another installation's claim: a new identity, and a warning naming the other", () => {
    const identity = importIdentity(OTHER, undefined, 'Central School', fresh);
    expect(identity.mdm).toEqual({ id: 'fresh-uuid', name: 'vppctl' });
    expect(identity.claimedBy).toEqual(OTHER);
    expect(identity.warning).toContain('Central School is claimed by another installation, OtherMDM (mdmInfo.id 11111111-2222-4333-8444-555555555555)');
    expect(identity.warning).toContain('--take-over');
  });

  it('keeps the identity of the file it replaces, claimed or not', () => {
    expect(importIdentity(OURS, OURS, 'X', fresh)).toEqual({ mdm: OURS });
    expect(importIdentity(undefined, OURS, 'X', fresh)).toEqual({ mdm: OURS });
    const takenFrom = importIdentity(OTHER, OURS, 'X', fresh);
    expect(takenFrom.mdm).toEqual(OURS);
    expect(takenFrom.warning).toContain('the identity of the file it replaces');
  });

  it('writes nothing for an unclaimed location with no earlier file', () => {
    expect(importIdentity(undefined, undefined, 'X', fresh)).toEqual({});
  });

  it('a claim that calls itself vppctl is no proof of being ours', () => {
    expect(importIdentity({ id: 'elsewhere', name: 'vppctl' }, undefined, 'X', fresh).mdm).toEqual({ id: 'fresh-uuid', name: 'vppctl' });
  });

  it('shows hidden characters of the claim escaped', () => {
    const identity = importIdentity({ id: 'x\u200by', name: 'Evil\u001b[2J' }, undefined, 'X', fresh);
    expect(identity.warning).toContain('Evil\\u001b[2J (mdmInfo.id x\\u200by)');
    expect(identity.warning).not.toMatch(/[\u001b\u200b]/);
  });
});
