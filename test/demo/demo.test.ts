/** `vppctl demo` (what `npm run demo` runs) as a reader runs it, minus the terminal: the built CLI, as a child, without a TTY. */
import { describe, expect, it } from 'vitest';
import { CLOSING, story } from '../../src/demo/story.js';
import { runBuiltCli } from '../e2e/run-cli.js';

describe('vppctl demo', () => {
  it('tells the whole story and every step does what it says', async () => {
    // No VPP_* variables (run-cli's environment is clean): the demo brings its own simulator and token.
    const r = await runBuiltCli(['demo'], {});
    expect(r.code, r.stderr).toBe(0);
    const headings = [...story('central-school.yaml').map((s) => s.heading), CLOSING.heading];
    const at = headings.map((h) => r.stdout.indexOf(`\n${h}\n`));
    expect(at.every((i) => i >= 0), `every heading shown: ${headings.join(' | ')}`).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(r.stdout).toContain('Plan: 13 to associate, 4 to disassociate, 0 to revoke, 2 user changes, 1 subscription seat change, in 7 requests.');
    expect(r.stdout).toContain('Location converged.');
    // The file names neither Numbers nor Pages: the simulator's store does.
    expect(r.stdout).toContain('  + Numbers (app 361304891 STDQ): +7 users');
    expect(r.stdout).toContain('  + Pages (app 361309726 STDQ): +1 user');
    expect(r.stdout).toMatch(/^ {2}Numbers +app +361304891 +STDQ +20 +16 +4 +0 +4 +0$/m);
    expect(r.stdout).toContain('No changes. The location matches the desired state.');
    // The roster edit, shown as a diff and planned member by member.
    expect(r.stdout).toMatch(/^\+ {2}- \{clientUserId: s-1027,/m);
    expect(r.stdout).toMatch(/^ {6}- s-1024$/m);
    expect(r.stdout.match(/Location converged\./g)).toHaveLength(2);
    // Not a terminal: no colour, no progress bar, a concise log of the apply on stderr instead.
    expect(r.stdout + r.stderr).not.toMatch(/\u001b\[/);
    expect(r.stderr).toMatch(/^Central School: assets\/associate: \d+ requests?$/m);
    expect(r.stderr).not.toContain('demo failed');
  });
});
