import { describe, expect, it } from 'vitest';
import { sortedByClientUserId } from '../../src/shared/sorted-ids.js';

describe('sortedByClientUserId', () => {
  it('hands back the list itself when it is already in order', () => {
    const users = [{ clientUserId: 'a' }, { clientUserId: 'b' }, { clientUserId: 'c' }];
    expect(sortedByClientUserId(users)).toBe(users);
  });

  it('sorts a copy by code unit, leaving the list it was given as it was', () => {
    const users = [{ clientUserId: 'b' }, { clientUserId: 'B' }, { clientUserId: 'a' }];
    const sorted = sortedByClientUserId(users);
    expect(sorted.map((u) => u.clientUserId)).toEqual(['B', 'a', 'b']);
    expect(users.map((u) => u.clientUserId)).toEqual(['b', 'B', 'a']);
  });

  it('copies a list with an id twice: only a strictly increasing list is handed back as it is', () => {
    const users = [{ clientUserId: 'a' }, { clientUserId: 'a' }];
    expect(sortedByClientUserId(users)).not.toBe(users);
  });
});
