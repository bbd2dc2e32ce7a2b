/**
 * `vppctl sim`: serve the built-in simulator of Apple's API on loopback, to rehearse plans and
 * applies without touching real licenses. Each `--state FILE` is one location behind the same
 * URL, reached by its own token. Loaded lazily: the simulator stays out of plan and apply.
 */
import type { Io } from '../io.js';

export interface SimCommandOptions {
  port?: number;
  /** One state file per location (none: the Central School example). */
  state?: string[];
  pageSize?: number;
  eventDelay?: number;
  latency?: number;
  rejectMixed?: boolean;
}

/** One line, whatever the state file's name holds: it is printed into lines made for a shell. */
function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ');
}

/**
 * A token variable per location, named for the first word of its name as the example files do
 * (Central School: VPP_TOKEN_CENTRAL); more words, then a number, when two would share one.
 */
export function tokenEnvNames(locationNames: readonly string[]): string[] {
  const taken = new Set<string>();
  return locationNames.map((name, i) => {
    const ascii = name.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
    const words = ascii.split(/[^A-Z0-9]+/).filter(Boolean);
    if (words.length === 0) words.push(String(i + 1));
    const candidates = words.map((_, n) => `VPP_TOKEN_${words.slice(0, n + 1).join('_')}`);
    let chosen = candidates.find((c) => !taken.has(c));
    for (let k = 2; chosen === undefined; k++) if (!taken.has(`${candidates.at(-1)}_${k}`)) chosen = `${candidates.at(-1)}_${k}`;
    taken.add(chosen);
    return chosen;
  });
}

export async function runSim(opts: SimCommandOptions, io: Io): Promise<{ close(): Promise<void>; url: string }> {
  const { startSimServer, loadSimState } = await import('../../sim/index.js');
  const states = await Promise.all((opts.state ?? []).map((file) => loadSimState(file)));
  const server = await startSimServer({
    ...(states.length > 0 && { locations: states }),
    port: opts.port ?? 0,
    options: {
      ...(opts.pageSize !== undefined && { pageSize: opts.pageSize }),
      ...(opts.eventDelay !== undefined && { eventPendingMs: opts.eventDelay }),
      ...(opts.latency !== undefined && { latencyMs: opts.latency }),
      ...(opts.rejectMixed !== undefined && { rejectMixedTargets: opts.rejectMixed }),
    },
  });
  const names = server.locations.map((l) => l.model.locationName);
  const envNames = tokenEnvNames(names);
  const count = server.locations.length;
  io.stdout.write(
    `vppctl simulator: ${count === 1 ? '1 location' : `${count} locations`} listening on ${server.url}\n` +
      `Point vppctl at it (the simulator's own token${count === 1 ? '' : 's, one per location'}, not Apple's):\n` +
      `  export VPP_BASE_URL=${server.url}\n` +
      server.locations.map((l, i) => `  # ${oneLine(names[i]!)} (uId ${oneLine(l.model.uId)})\n  export ${envNames[i]}=${l.token}\n`).join('') +
      `Press Ctrl+C to stop.\n`,
  );
  return { close: () => server.close(), url: server.url };
}
