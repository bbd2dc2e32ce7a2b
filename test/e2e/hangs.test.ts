/**
 * A server that accepts connections and never answers (issue 16, item 5) must not hold `plan` in
 * silence: each attempt is bounded, a request that never answers is sent at most twice, and the
 * CLI says what it is waiting for while it waits. The server here is a bare node:http one that
 * reads requests and answers nothing.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSimToken } from '../../src/sim/index.js';
import { runBuiltCli } from './run-cli.js';
import { CENTRAL_YAML, CENTRAL_TOKEN_ENV } from './sim-rig.js';

let server: { url: string; requests: string[]; close(): Promise<void> } | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Accepts every connection and request, and never answers any. */
async function silentServer(): Promise<NonNullable<typeof server>> {
  const sockets = new Set<Socket>();
  const requests: string[] = [];
  const http: Server = createServer((req) => {
    requests.push(`${req.method} ${req.url}`);
  });
  http.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mdm/v2`,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        http.close(() => resolve());
      }),
  };
}

describe('a server that never answers', () => {
  it('plan gives up within a few attempt timeouts, saying what it waited for', async () => {
    server = await silentServer();
    const started = Date.now();
    const r = await runBuiltCli(['plan', CENTRAL_YAML], {
      VPP_BASE_URL: server.url,
      [CENTRAL_TOKEN_ENV]: makeSimToken({ orgName: 'Central School' }),
      VPP_REQUEST_TIMEOUT: '2',
    });
    const seconds = (Date.now() - started) / 1000;
    expect(r.code).toBe(1);
    // Two attempts of 2 s and a short backoff, plus start-up: not six attempts of 60 s (372 s).
    expect(seconds).toBeLessThan(20);
    expect(r.stderr).toMatch(/Central School: waiting for an answer to GET \/\S+: none after 1 s/);
    expect(r.stderr).toMatch(/no answer within 2 s \(http:\/\/127\.0\.0\.1:\d+ accepted the connection but did not answer\)/);
    expect(r.stderr).toMatch(/gave up after 2 attempts, 2 of them without any answer/);
    // Each request that was sent was sent at most twice.
    const counts = new Map<string, number>();
    for (const q of server.requests) counts.set(q, (counts.get(q) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
  });
});
