/** A location's API client, with the token from the environment variable its file names. */
import { createClient, describeRetry, settingsFromEnv, type VppClient } from '../api/index.js';
import { UsageError } from './errors.js';
import type { LocationRef, OnEvent } from './events.js';

/** A retry that waits at least this long is said; shorter backoffs are routine. */
const RETRY_NOTICE_MS = 5_000;

export interface Reachable extends LocationRef {
  tokenEnv: string;
  /** The file's location.mdm.id: the client refuses writes to a location another installation claims. */
  mdmId?: string;
}

export interface ConnectOptions {
  env: NodeJS.ProcessEnv;
  takeOver?: boolean;
  onEvent?: OnEvent;
}

/** Opens a client (each location its own: its own rate limiter and connections). */
export function openClient(location: Reachable, opts: ConnectOptions): VppClient {
  const token = opts.env[location.tokenEnv];
  if (!token) {
    // Whoever reports the failure names the location first: the message does not say it again.
    throw new UsageError(
      `the environment variable ${location.tokenEnv} is not set. ` +
        `Set it to the location's content token (Apple School Manager or Apple Business Manager > Settings > Payments and Billing > Apps and Books).`,
    );
  }
  const ref: LocationRef = { source: location.source, name: location.name };
  const say = (line: string) => opts.onEvent?.({ type: 'log', location: ref, line });
  return createClient({
    token,
    ...settingsFromEnv(opts.env),
    mdmId: location.mdmId,
    takeOver: opts.takeOver,
    // Nobody waits in silence: a slow answer, or a retry that waits long, is said as it happens.
    onWaiting: say,
    onRetry: (info) => info.delayMs >= RETRY_NOTICE_MS && say(describeRetry(info)),
  });
}
