import { describe, expect, it } from 'vitest';
import type { Narrator } from '../../src/demo/narrator.js';
import type { Rehearsal } from '../../src/demo/rehearsal.js';
import { CLOSING, story, tell, type Step } from '../../src/demo/story.js';

function recorder(): { n: Narrator; said: string[] } {
  const said: string[] = [];
  const n: Narrator = {
    heading: (t) => said.push(`# ${t}`),
    say: (t) => said.push(t),
    command: (argv) => said.push(`$ ${argv.join(' ')}`),
    diff: (lines) => said.push(...lines),
    fail: (t) => said.push(`FAIL ${t}`),
  };
  return { n, said };
}

const rehearsal = {} as Rehearsal; // the steps below neither act nor check

describe('the demo story', () => {
  it('runs every command in order and ends with the closing paragraph when each exits as expected', async () => {
    const steps = story('f.yaml').filter((s) => !s.act && !s.check);
    const ran: string[][] = [];
    const { n, said } = recorder();
    const held = await tell(steps, rehearsal, n, async (argv) => {
      ran.push(argv);
      return steps[ran.length - 1]!.exits!;
    });
    expect(held).toBe(true);
    expect(ran).toEqual(steps.map((s) => s.argv));
    expect(said.at(-2)).toBe(`# ${CLOSING.heading}`);
  });

  it('stops at the first step whose command does not exit as the story says (a second plan with changes)', async () => {
    const steps: Step[] = [
      { heading: 'apply', explain: '', argv: ['apply'], exits: 0 },
      { heading: 'plan again', explain: '', argv: ['plan', '--detailed-exitcode'], exits: 0 },
      { heading: 'never', explain: '', argv: ['never'], exits: 0 },
    ];
    const ran: string[] = [];
    const { n, said } = recorder();
    const held = await tell(steps, rehearsal, n, async (argv) => (ran.push(argv[0]!), argv[0] === 'plan' ? 2 : 0));
    expect(held).toBe(false);
    expect(ran).toEqual(['apply', 'plan']);
    expect(said.at(-1)).toBe('FAIL "plan again": `vppctl plan --detailed-exitcode` exited 2, the story expects 0.');
    expect(said).not.toContain(`# ${CLOSING.heading}`);
  });

  it('a failed check fails the story', async () => {
    const { n, said } = recorder();
    const held = await tell([{ heading: 'check', explain: '', check: () => 's-1027 did not get its apps' }], rehearsal, n, async () => 0);
    expect(held).toBe(false);
    expect(said.at(-1)).toBe('FAIL "check": s-1027 did not get its apps.');
  });
});
