/** `vppctl sim` in-process: one state file per location, one pasteable token line per location. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetch } from 'undici';
import { describe, expect, test } from 'vitest';
import { runSim, tokenEnvNames } from '../../src/cli/commands/sim.js';

function bufferIo() {
  let out = '';
  return { io: { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true }, env: {} }, out: () => out };
}

describe('vppctl sim', () => {
  test('serves every --state behind one URL and prints, per location, its name and an export line for its token', async () => {
    const { io, out } = bufferIo();
    const sim = await runSim({ state: ['examples/sim/central-school.json', 'examples/sim/acme-business.json'], port: 0 }, io);
    try {
      const text = out();
      expect(text).toContain(`2 locations listening on ${sim.url}\n`);
      expect(text).toContain(`  export VPP_BASE_URL=${sim.url}\n`);
      expect(text).toContain('  # Central School (uId 2049025000431439)\n');
      expect(text).toContain('  # Acme Corp — Field Operations (uId 2049025000431771)\n');
      // The variables the example files name, so the lines can be pasted as they are.
      const tokens = Object.fromEntries([...text.matchAll(/^ {2}export (VPP_TOKEN_\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
      expect(Object.keys(tokens)).toEqual(['VPP_TOKEN_CENTRAL', 'VPP_TOKEN_ACME']);
      const locationOf = async (token: string) =>
        ((await (await fetch(`${sim.url}/client/config`, { headers: { authorization: `Bearer ${token}` } })).json()) as { locationName: string }).locationName;
      expect(await locationOf(tokens.VPP_TOKEN_CENTRAL!)).toBe('Central School');
      expect(await locationOf(tokens.VPP_TOKEN_ACME!)).toBe('Acme Corp — Field Operations');
    } finally {
      await sim.close();
    }
  });

  test('a location name with a line break stays on its comment line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vppctl-sim-'));
    const file = join(dir, 'odd.json');
    writeFileSync(file, JSON.stringify({ uId: '1', locationName: 'Odd\nexport PATH=/tmp\r', assets: [], assignments: {}, users: [] }));
    const { io, out } = bufferIo();
    const sim = await runSim({ state: [file], port: 0 }, io);
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
    expect(out()).toContain('  # Odd export PATH=/tmp  (uId 1)\n  export VPP_TOKEN_ODD=');
    expect(out()).not.toMatch(/^export PATH/m);
  });

  test('token variables: the first word of the name, more words or a number when two would clash, never raw punctuation', () => {
    expect(tokenEnvNames(['Central School'])).toEqual(['VPP_TOKEN_CENTRAL']);
    expect(tokenEnvNames(['Central School', 'Central Office', 'Central Office'])).toEqual([
      'VPP_TOKEN_CENTRAL',
      'VPP_TOKEN_CENTRAL_OFFICE',
      'VPP_TOKEN_CENTRAL_OFFICE_2',
    ]);
    expect(tokenEnvNames(['École Saint-Exupéry', '東京校', '$(rm -rf /)'])).toEqual(['VPP_TOKEN_ECOLE', 'VPP_TOKEN_2', 'VPP_TOKEN_RM']);
  });
});
