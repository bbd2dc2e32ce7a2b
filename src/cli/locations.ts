/**
 * The steps every command that talks to Apple shares, one location at a time: load the files, find
 * a location's token in the environment, open a client, read the live snapshot with a progress
 * bar, and plan.
 */
import { createClient, describeRetry, settingsFromEnv } from '../api/index.js';
import type { VppApi } from '../api/types.js';
import { formatDiagnostic, loadDesiredStates, type LoadOptions, type LocationHeader } from '../config/index.js';
import type { Diagnostic, DesiredState } from '../config/types.js';
import { snapshot } from '../live/index.js';
import type { LiveState } from '../live/types.js';
import { makePlan } from '../plan/index.js';
import type { LocationPlan, PlanOptions } from '../plan/types.js';
import { UsageError } from './errors.js';
import type { Io } from './io.js';
import { colorEnabled } from '../render/index.js';
import { progressBar } from './progress.js';

/** Loads and validates every file; prints nothing. */
export async function loadStates(paths: string[], opts: LoadOptions = {}): Promise<{ states: DesiredState[]; diagnostics: Diagnostic[]; ok: boolean }> {
  const { states, diagnostics } = await loadDesiredStates(paths.length > 0 ? paths : ['.'], opts);
  return { states, diagnostics, ok: !diagnostics.some((d) => d.severity === 'error') };
}

export function printDiagnostics(diagnostics: readonly Diagnostic[], io: Io): void {
  const color = colorEnabled(io.stderr, io.env);
  for (const d of diagnostics) io.stderr.write(`${formatDiagnostic(d, { color })}\n`);
}

/** Loads and validates every file; prints each diagnostic to stderr. */
export async function loadLocations(paths: string[], io: Io): Promise<{ states: DesiredState[]; diagnostics: Diagnostic[]; ok: boolean }> {
  const loaded = await loadStates(paths);
  printDiagnostics(loaded.diagnostics, io);
  return loaded;
}

/** A retry that waits at least this long is said; shorter backoffs are routine. */
const RETRY_NOTICE_MS = 5_000;

interface ConnectOptions {
  mdmId?: string;
  takeOver?: boolean;
}

/** Opens a client with the token from the environment variable the location file names. */
export function connect(location: { name: string; tokenEnv: string }, io: Io, opts: ConnectOptions = {}): VppApi {
  const token = io.env[location.tokenEnv];
  if (!token) {
    throw new UsageError(
      `${location.name}: the environment variable ${location.tokenEnv} is not set. ` +
        `Set it to the location's content token (Apple School Manager or Apple Business Manager > Settings > Payments and Billing > Apps and Books).`,
    );
  }
  const say = (message: string) => io.stderr.write(`${location.name}: ${message}\n`);
  return createClient({
    token,
    ...settingsFromEnv(io.env),
    mdmId: opts.mdmId,
    takeOver: opts.takeOver,
    onWarning: (message) => io.stderr.write(`warning: ${location.name}: ${message}\n`),
    // Nobody waits in silence: a slow answer, or a retry that waits long, is said as it happens.
    onWaiting: say,
    onRetry: (info) => info.delayMs >= RETRY_NOTICE_MS && say(describeRetry(info)),
  });
}

/**
 * Reads the live location, drawing a bar of pages fetched on a terminal. Once `signal` aborts, the
 * read rejects at its next page: snapshot takes no signal, but a throw from its page callback ends
 * each paged walk, so an abandoned read stops within a few requests instead of reading to the end.
 */
export async function readLive(api: VppApi, name: string, io: Io, signal?: AbortSignal): Promise<LiveState> {
  const bar = await progressBar(io);
  try {
    return await snapshot(api, {
      onProgress: (p) => {
        signal?.throwIfAborted();
        bar.update(p.done, p.total, `Reading ${name}`);
      },
    });
  } finally {
    bar.stop();
  }
}

/** An open client and what it read. */
export interface LiveRead {
  api: VppApi;
  live: LiveState;
}

export interface PlannedLocation {
  state: DesiredState;
  api: VppApi;
  live: LiveState;
  plan: LocationPlan;
}

/** Plans one location from its read; the caller closes `api`, here closed if planning fails. */
export async function planLocation(state: DesiredState, read: Promise<LiveRead>, options: PlanOptions): Promise<PlannedLocation> {
  const { api, live } = await read;
  try {
    return { state, api, live, plan: makePlan(state, live, options) };
  } catch (err) {
    await api.close();
    throw err;
  }
}

/**
 * Live reads begun while the desired state is still loading: a district's rosters take about a
 * second to load and its live read several, so the read of each location starts as soon as its
 * file's YAML has passed the schema (config's onLocation). Reads only; whoever writes does so
 * after the whole load came back valid. One location is read at a time, as one bar shows at a time.
 */
export class EarlyReads {
  private readonly reads = new Map<string, Promise<LiveRead>>();
  private readonly stop = new AbortController();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly io: Io,
    private readonly takeOver: boolean,
  ) {}

  /** For loadDesiredStates' onLocation. */
  readonly start = (location: LocationHeader): void => {
    this.reads.set(readKey(location.source, location.tokenEnv), this.enqueue(location));
  };

  /** The read of this state's location: the one begun early, or one begun now. */
  of(state: DesiredState): Promise<LiveRead> {
    const { name, tokenEnv, mdm } = state.location;
    return this.reads.get(readKey(state.source, tokenEnv)) ?? this.enqueue({ source: state.source, name, tokenEnv, mdmId: mdm?.id });
  }

  /** Resolves when every read begun so far has ended, well or not. */
  async settled(): Promise<void> {
    await Promise.allSettled(this.reads.values());
  }

  /** The load failed: stops every read, closes every client and drops what the reads found. */
  async abandon(): Promise<void> {
    this.stop.abort();
    const ended = await Promise.allSettled(this.reads.values());
    await Promise.all(ended.map((r) => (r.status === 'fulfilled' ? r.value.api.close() : undefined)));
  }

  private enqueue(location: LocationHeader): Promise<LiveRead> {
    const read = this.queue.then(() => this.read(location));
    // The next read waits for this one to end either way. The handler also keeps a failed read
    // from being an unhandled rejection before it is awaited (of) or dropped (abandon).
    this.queue = read.catch(() => undefined);
    return read;
  }

  private async read(location: LocationHeader): Promise<LiveRead> {
    this.stop.signal.throwIfAborted();
    const api = connect(location, this.io, { mdmId: location.mdmId, takeOver: this.takeOver });
    try {
      return { api, live: await readLive(api, location.name, this.io, this.stop.signal) };
    } catch (err) {
      await api.close();
      throw err;
    }
  }
}

function readKey(source: string, tokenEnv: string): string {
  return `${tokenEnv}\u0000${source}`;
}
