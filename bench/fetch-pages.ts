/**
 * The floor the `plan-cli` bench compares `vppctl plan` against, run as its own process like the
 * CLI: a fresh client issues every read a snapshot issues, all at once as snapshot does (the
 * client caps them the same way), and throws each page away. No folding, no diff, no rendering.
 * Usage: VPP_BASE_URL=… BENCH_TOKEN_ENV=NAME NAME=sToken node build/bench/fetch-pages.js
 */
import { createClient } from '../src/api/index.js';

const tokenEnv = process.env.BENCH_TOKEN_ENV ?? 'VPP_TOKEN';
const api = createClient({ token: process.env[tokenEnv] ?? '', baseUrl: process.env.VPP_BASE_URL });
let pages = 0;
const discard = (): void => {
  pages++;
};
await Promise.all([
  api.getClientConfig(),
  api.limits(),
  api.getAssets({}, discard),
  api.getAssignments({ includeUserState: true }, discard),
  api.getUsers({}, discard),
  api.getSubscriptions(),
  api.getSubscriptionAssignments(),
]);
await api.close();
process.stdout.write(`${JSON.stringify({ pages })}\n`);
