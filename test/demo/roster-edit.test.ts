import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { editRoster, type RosterEdit } from '../../src/demo/roster-edit.js';

const EXAMPLE = new URL('../../examples/central-school.yaml', import.meta.url);
const join = { clientUserId: 's-1027', email: 's-1027@central.example.edu', managedAppleId: 's-1027@appleschool.central.example.edu', group: 'grade-5' };

interface Example {
  users: { clientUserId: string }[];
  groups: Record<string, { users?: string[] }>;
}

describe('the demo roster edit', () => {
  it.each([
    { where: 'in the middle of the group', leave: { clientUserId: 's-1024', group: 'grade-6' } },
    { where: 'first in the group', leave: { clientUserId: 's-1013', group: 'grade-6' } },
    { where: 'last in the group', leave: { clientUserId: 's-1026', group: 'grade-6' } },
  ])('registers the new student, moves the memberships, and changes only those lines (leaver $where)', async ({ leave }) => {
    const text = await readFile(EXAMPLE, 'utf8');
    const edit: RosterEdit = { join, leave };
    const out = editRoster(text, edit);
    const before = parse(text) as Example;
    const after = parse(out.text) as Example;
    expect(after.users.map((u) => u.clientUserId)).toEqual([...before.users.map((u) => u.clientUserId), 's-1027']);
    expect(after.users.at(-1)).toEqual({ clientUserId: 's-1027', email: join.email, managedAppleId: join.managedAppleId });
    expect(after.groups['grade-5']!.users).toEqual([...before.groups['grade-5']!.users!, 's-1027']);
    expect(after.groups['grade-6']!.users).toEqual(before.groups['grade-6']!.users!.filter((u) => u !== leave.clientUserId));
    // Everything else, comments and alignment included, is untouched: 3 lines added, 2 removed.
    expect(out.diff.filter((l) => l.startsWith('+'))).toHaveLength(3);
    expect(out.diff.filter((l) => l.startsWith('-'))).toHaveLength(2);
    expect(out.text.split('\n')).toHaveLength(text.split('\n').length + 1);
    expect(out.text).toContain('token: VPP_TOKEN_CENTRAL          # the NAME');
  });

  it('refuses a leaver who is not in the group', async () => {
    const text = await readFile(EXAMPLE, 'utf8');
    expect(() => editRoster(text, { join, leave: { clientUserId: 's-1001', group: 'grade-6' } })).toThrow('s-1001 is not in grade-6');
  });
});
