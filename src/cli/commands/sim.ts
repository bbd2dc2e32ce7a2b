/**
 * `vppctl sim`: serve the built-in simulator of Apple's API on loopback, to rehearse plans and
 * applies without touching real licenses. Loaded lazily: the simulator stays out of plan and apply.
 */
import type { Io } from '../io.js';

export interface SimCommandOptions {
  port?: number;
  state?: string;
  pageSize?: number;
  eventDelay?: number;
  latency?: number;
  rejectMixed?: boolean;
}

export async function runSim(opts: SimCommandOptions, io: Io): Promise<{ close(): Promise<void>; url: string }> {
  const { startSimServer, loadSimState, makeSimToken } = await import('../../sim/index.js');
  const state = opts.state ? await loadSimState(opts.state) : undefined;
  const server = await startSimServer({
    state,
    port: opts.port ?? 0,
    options: {
      ...(opts.pageSize !== undefined && { pageSize: opts.pageSize }),
      ...(opts.eventDelay !== undefined && { eventPendingMs: opts.eventDelay }),
      ...(opts.latency !== undefined && { latencyMs: opts.latency }),
      ...(opts.rejectMixed !== undefined && { rejectMixedTargets: opts.rejectMixed }),
    },
  });
  const snapshot = server.model.snapshot();
  io.stdout.write(
    `vppctl simulator: ${snapshot.locationName} (uId ${snapshot.uId}) listening on ${server.url}\n` +
      `Point vppctl at it (the token is the simulator's own, not an Apple token):\n` +
      `  export VPP_BASE_URL=${server.url}\n` +
      `  export VPP_TOKEN=${makeSimToken({ orgName: snapshot.locationName })}\n` +
      `Press Ctrl+C to stop.\n`,
  );
  return { close: () => server.close(), url: server.url };
}
