/** Code-unit order with plain `<`: locale-independent, so sorted output is the same on every machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `users` itself when already in clientUserId order (what Apple and the snapshot hand over), else
 * a sorted copy: checking costs one pass, sorting 100,000 users with a comparator far more.
 */
export function sortedByClientUserId<T extends { clientUserId: string }>(users: T[]): T[] {
  for (let i = 1; i < users.length; i++) {
    if (!(users[i - 1]!.clientUserId < users[i]!.clientUserId)) return [...users].sort((a, b) => compareStrings(a.clientUserId, b.clientUserId));
  }
  return users;
}
