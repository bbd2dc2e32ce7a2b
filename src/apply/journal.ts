/**
 * The apply journal: one JSON-lines file per location in the state directory, appended and
 * fsync-ed before apply acts on what it records, so a kill -9 loses nothing Apple acknowledged.
 * Every write is recorded as an intent BEFORE it is sent, then as accepted (with its eventId),
 * rejected (Apple refused it synchronously: nothing happened), unknown (it may have happened) or
 * settled. A rerun reads the records since the last `end` to find events still to follow and
 * writes whose outcome nobody saw.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ErrorResponse } from '../api/types.js';
import type { PlannedRequest } from '../plan/types.js';
import { ensureStateDir, stateFileKey } from '../shared/state-dir.js';

export type JournalRecord =
  | { t: 'run'; at: string; fingerprint: string; requests: number; resumed: boolean }
  | {
      t: 'intent';
      id: number;
      endpoint: PlannedRequest['endpoint'];
      hash: string;
      body: unknown;
      /** Sent again because the event of `resubmitOf` stayed PENDING too long. */
      resubmitOf?: number;
      /** One half of a mixed users+devices request Apple refused. */
      splitOf?: number;
    }
  /** `at`: epoch ms, so a resumed run knows how long the event has been PENDING. */
  | { t: 'accepted'; id: number; eventId: string; at: number }
  /** Applied synchronously (client/config). */
  | { t: 'applied'; id: number }
  | { t: 'rejected'; id: number; errorNumber?: number; message: string }
  | { t: 'unknown'; id: number; reason: string }
  | { t: 'settled'; id: number; eventId: string; eventStatus: 'COMPLETE' | 'FAILED'; failures?: ErrorResponse[] }
  /** No longer followed (resubmitted, or Apple lost the event); the re-plan covers it. */
  | { t: 'abandoned'; id: number; reason: string }
  | { t: 'end'; at: string; converged: boolean };

/** What an interrupted apply left behind. */
export interface JournalPending {
  /** Accepted writes whose events never settled: follow them, never resend them. */
  outstanding: { id: number; endpoint: PlannedRequest['endpoint']; body: unknown; eventId: string; acceptedAt: number }[];
  /** Intents with no recorded answer: they may have happened; only a re-plan may decide. */
  unknown: { id: number; endpoint: PlannedRequest['endpoint']; body: unknown }[];
}

/** An interrupted apply left writes to follow or to check: the next apply has work even if the plan has none. */
export function hasPending(p: JournalPending): boolean {
  return p.outstanding.length + p.unknown.length > 0;
}

/** A stable hash of a request body, so journal readers can match intents to what Apple received. */
function bodyHash(body: unknown): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(body)).digest('hex')}`;
}

export class Journal {
  readonly path: string;
  private fd: number | undefined;
  private records: JournalRecord[];
  private lastId = 0;

  /** The journal of one location, keyed by its uId or source file; file and folder appear with the first record. */
  static open(stateDir: string, key: string): Journal {
    return new Journal(join(stateDir, `apply-${stateFileKey(key)}.jsonl`));
  }

  /**
   * When a journal of this location in `stateDir` was last written (epoch ms), archived ones
   * included; undefined when there is none. An apply that began reading the location before then
   * planned from a state another apply was changing.
   */
  static lastWritten(stateDir: string, key: string): number | undefined {
    const name = `apply-${stateFileKey(key)}`;
    let names: string[];
    try {
      names = readdirSync(stateDir);
    } catch {
      return undefined;
    }
    let last: number | undefined;
    for (const n of names) {
      if (n !== `${name}.jsonl` && !(n.startsWith(`${name}.`) && n.endsWith('.done.jsonl'))) continue;
      const at = statSync(join(stateDir, n)).mtimeMs;
      if (last === undefined || at > last) last = at;
    }
    return last;
  }

  private constructor(path: string) {
    this.path = path;
    this.records = existsSync(path) ? parse(readFileSync(path, 'utf8')) : [];
    for (const r of this.records) if ('id' in r) this.lastId = Math.max(this.lastId, r.id);
  }

  /** Every record in the file, oldest first. */
  all(): readonly JournalRecord[] {
    return this.records;
  }

  nextId(): number {
    return ++this.lastId;
  }

  append(record: JournalRecord): void {
    // The state dir is made on the first record, so a look at the journal leaves no trace.
    if (this.fd === undefined) {
      ensureStateDir(dirname(this.path));
      this.fd = openSync(this.path, 'a');
    }
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    fsyncSync(this.fd);
    this.records.push(record);
  }

  /** Records an intent and returns its id; `hash` is computed here so callers cannot forget it. */
  intent(endpoint: PlannedRequest['endpoint'], body: unknown, extra: { resubmitOf?: number; splitOf?: number } = {}): number {
    const id = this.nextId();
    this.append({ t: 'intent', id, endpoint, hash: bodyHash(body), body, ...extra });
    return id;
  }

  /** Writes of the last unfinished run (everything after the last `end`) that still need care. */
  pending(): JournalPending {
    let start = 0;
    this.records.forEach((r, i) => {
      if (r.t === 'end') start = i + 1;
    });
    const intents = new Map<
      number,
      { endpoint: PlannedRequest['endpoint']; body: unknown; eventId?: string; acceptedAt: number; closed: boolean }
    >();
    for (const r of this.records.slice(start)) {
      if (r.t === 'intent') intents.set(r.id, { endpoint: r.endpoint, body: r.body, acceptedAt: 0, closed: false });
      else if (r.t === 'accepted') {
        const i = intents.get(r.id);
        if (i) Object.assign(i, { eventId: r.eventId, acceptedAt: r.at });
      } else if (r.t !== 'run' && r.t !== 'end') {
        const i = intents.get(r.id);
        if (i) i.closed = true;
      }
    }
    const pending: JournalPending = { outstanding: [], unknown: [] };
    for (const [id, i] of intents) {
      if (i.closed) continue;
      if (i.eventId !== undefined) pending.outstanding.push({ id, endpoint: i.endpoint, body: i.body, eventId: i.eventId, acceptedAt: i.acceptedAt });
      else pending.unknown.push({ id, endpoint: i.endpoint, body: i.body });
    }
    return pending;
  }

  /** Closes the file; after a converged apply it is renamed `*.done.jsonl` so the next apply starts fresh. */
  close(opts: { archive: boolean; now?: Date }): string {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (!opts.archive || !existsSync(this.path)) return this.path;
    const stamp = (opts.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
    const done = this.path.replace(/\.jsonl$/, `.${stamp}.done.jsonl`);
    renameSync(this.path, done);
    this.records = [];
    return done;
  }
}

/** A kill -9 can leave a torn last line; everything before it was fsync-ed whole. */
function parse(text: string): JournalRecord[] {
  const out: JournalRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as JournalRecord);
    } catch {
      break;
    }
  }
  return out;
}
