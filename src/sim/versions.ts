/**
 * versionIds: every write that changes records takes the next sequence number; the records it
 * touches carry that number, and so does each endpoint data set it changes. A versionId is the
 * data set's number in a UUID-like wrapper whose prefix is this simulator's own, so a versionId
 * from elsewhere (or from the future) is answered 9721.
 */
import { SimError } from './errors.js';
import type { Random } from './prng.js';
import { randomBytes } from './prng.js';

export type DataSet = 'assets' | 'assignments' | 'users' | 'subscriptions' | 'subscriptionAssignments';

export class VersionClock {
  private seq = 1;
  private readonly sets: Record<DataSet, number> = { assets: 1, assignments: 1, users: 1, subscriptions: 1, subscriptionAssignments: 1 };
  private readonly prefix: string;

  constructor(random: Random) {
    const h = randomBytes(random, 10).toString('hex');
    this.prefix = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}`;
  }

  /** The sequence number of a new write. */
  next(): number {
    return ++this.seq;
  }

  touch(set: DataSet, seq: number): void {
    this.sets[set] = seq;
  }

  current(set: DataSet): number {
    return this.sets[set];
  }

  versionId(set: DataSet): string {
    return `${this.prefix}-${this.sets[set].toString(16).padStart(12, '0')}`;
  }

  /** The sequence number inside a versionId this simulator issued; 9721 otherwise. */
  parse(versionId: string): number {
    const m = /^(.{23})-([0-9a-f]{12})$/.exec(versionId);
    const seq = m && m[1] === this.prefix ? parseInt(m[2]!, 16) : NaN;
    if (!(seq >= 1 && seq <= this.seq)) throw new SimError(9721);
    return seq;
  }
}
