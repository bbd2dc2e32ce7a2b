import { describe, expect, it } from 'vitest';
import { HEADER, load, located } from './temp-files.js';

/** One mistake per case: the file text, then exactly where and what the error says. */
const cases: { name: string; yaml: string; at: string; message: string; hint?: string; severity?: 'error' | 'warning' }[] = [
  {
    name: 'a misspelled key gets a suggestion',
    yaml: `${HEADER}assets:\n  - adamId: "1"\n    devics: [ABC1]\n`,
    at: '7:5',
    message: '`devics` is not a key vppctl knows here',
    hint: 'did you mean `devices`?',
  },
  {
    name: 'a misspelled section name',
    yaml: `${HEADER}asets: []\n`,
    at: '5:1',
    message: '`asets` is not a key vppctl knows here',
    hint: 'did you mean `assets`?',
  },
  {
    name: 'a key without any close match lists the allowed keys',
    yaml: `${HEADER}policy:\n  wibble: true\n`,
    at: '6:3',
    message: '`wibble` is not a key vppctl knows here',
    hint: 'keys allowed here: prune, scope, maxDisassociations, retireUndeclaredUsers',
  },
  {
    name: 'a duplicate key',
    yaml: `${HEADER}policy:\n  prune: true\n  prune: false\n`,
    at: '7:3',
    message: '`prune` appears twice in the same place',
  },
  {
    name: 'a missing version',
    yaml: 'location:\n  name: X\n',
    at: '1:1',
    message: 'the file is missing `version`',
    hint: 'add `version: 1` at the top of the file',
  },
  {
    name: 'a wrong version',
    yaml: 'version: 2\nlocation:\n  name: X\n',
    at: '1:10',
    message: '`version` must be `1`',
  },
  {
    name: 'a missing location name',
    yaml: 'version: 1\nlocation:\n  token: VPP_TOKEN\n',
    at: '2:1',
    message: '`location` is missing `name`',
  },
  {
    name: 'a user declared twice',
    yaml: `${HEADER}users:\n  - clientUserId: s-1\n  - clientUserId: s-1\n`,
    at: '7:19',
    message: 'user `s-1` is declared twice',
    hint: 'merge it with the first one, at a.yaml:6',
  },
  {
    name: 'the same asset twice, once quoted and once a number',
    yaml: `${HEADER}assets:\n  - adamId: "361309726"\n  - adamId: 361309726\n    pricingParam: STDQ\n`,
    at: '7:5',
    message: 'asset 361309726 (STDQ) is declared twice',
    hint: 'merge it with the first one, at a.yaml:6',
  },
  {
    name: 'the same subscription twice',
    yaml: `${HEADER}subscriptions:\n  - adamId: 67890\n  - adamId: 67890\n    renewing: false\n`,
    at: '7:5',
    message: 'subscription 67890 is declared twice',
  },
  {
    name: 'the same member twice in a list is a warning',
    yaml: `${HEADER}assets:\n  - adamId: "1"\n    users: [s-1, s-2, s-1]\n`,
    at: '7:23',
    message: '`s-1` is listed twice in `users` of asset 1',
    hint: 'remove one of them (the first is at a.yaml:7)',
    severity: 'warning',
  },
  {
    name: 'an unknown group reference',
    yaml: `${HEADER}groups:\n  grade-5: {users: [s-1]}\nassets:\n  - adamId: "1"\n    groups: [grade5]\n`,
    at: '9:14',
    message: 'group `grade5` is not declared under `groups`',
    hint: 'did you mean `grade-5`?',
  },
  {
    name: 'a cycle of groups names the whole cycle',
    yaml: `${HEADER}groups:\n  a:\n    groups: [b]\n  b:\n    groups: [c]\n  c:\n    groups: [a]\n`,
    at: '11:14',
    message: 'groups include each other in a cycle: a → b → c → a',
    hint: 'remove `a` from the `groups:` of `c`',
  },
  {
    name: 'a group including itself',
    yaml: `${HEADER}groups:\n  a:\n    users: [s-1]\n    groups: [a]\n`,
    at: '8:14',
    message: 'groups include each other in a cycle: a → a',
  },
  {
    name: 'a token that is not a variable name',
    yaml: 'version: 1\nlocation:\n  name: X\n  token: vpp-token\n',
    at: '4:10',
    message: '`token` must be the NAME of an environment variable',
    hint: 'for example token: VPP_TOKEN',
  },
  {
    name: 'an adamId with letters',
    yaml: `${HEADER}assets:\n  - adamId: "12a"\n`,
    at: '6:13',
    message: '`12a` is not a valid `adamId`. An adamId is digits only',
  },
  {
    name: 'an adamId of zero',
    yaml: `${HEADER}assets:\n  - adamId: 0\n`,
    at: '6:13',
    message: '`adamId` must be at least 1',
  },
  {
    name: "a subscription's adamId in quotes",
    yaml: `${HEADER}subscriptions:\n  - adamId: "67890"\n`,
    at: '6:13',
    message: '`adamId` must be a whole number, not text',
    hint: 'write the number without quotes',
  },
  {
    name: 'a pricingParam in lower case',
    yaml: `${HEADER}assets:\n  - adamId: "1"\n    pricingParam: stdq\n`,
    at: '7:19',
    message: '`pricingParam` must be STDQ or PLUS, not `stdq`',
    hint: 'did you mean `STDQ`?',
  },
  {
    name: 'devices given to a subscription directly',
    yaml: `${HEADER}subscriptions:\n  - adamId: 67890\n    devices: [ABC1]\n`,
    at: '7:5',
    message: 'subscriptions are assigned to users only; a subscription cannot be given `devices`',
  },
  {
    name: 'devices reaching a subscription through a group are a warning',
    yaml: `${HEADER}groups:\n  cart: {users: [s-1], devices: [ABC1]}\nsubscriptions:\n  - adamId: 67890\n    groups: [cart]\n`,
    at: '9:14',
    message: 'group `cart` has 1 device; subscriptions go to users only, so its devices are ignored here',
    severity: 'warning',
  },
  {
    name: 'a single member not written as a list',
    yaml: `${HEADER}assets:\n  - adamId: "1"\n    users: s-1\n`,
    at: '7:12',
    message: '`users` must be a list (like [a, b]) or `file:` naming a roster file, not text',
  },
  {
    name: 'a numeric user id loses its exact form, so it must be quoted',
    yaml: `${HEADER}assets:\n  - adamId: "1"\n    users: [1001]\n`,
    at: '7:13',
    message: 'an entry of `users` must be text, not a whole number',
    hint: 'put it in quotes ("0123") so YAML keeps it as text exactly as written',
  },
  {
    name: 'a serial number with a character Apple never uses',
    yaml: `${HEADER}assets:\n  - adamId: "1"\n    devices: [DMPX_1234]\n`,
    at: '7:15',
    message: '`DMPX_1234` is not a valid entry of `devices`',
  },
  {
    name: 'an asset without adamId',
    yaml: `${HEADER}assets:\n  - name: Pages\n`,
    at: '6:5',
    message: 'an entry of `assets` is missing `adamId`',
  },
  {
    name: 'a group name with a space',
    yaml: `${HEADER}groups:\n  grade 5: {users: [s-1]}\n`,
    at: '6:3',
    message: 'group name `grade 5` is not allowed',
  },
  {
    name: 'a scope that does not exist',
    yaml: `${HEADER}policy:\n  scope: everything\n`,
    at: '6:10',
    message: '`scope` must be declared or all, not `everything`',
  },
  {
    name: 'an empty file',
    yaml: '# nothing yet\n',
    at: '1:1',
    message: 'the file is empty',
  },
  {
    name: 'a list instead of a mapping at the top',
    yaml: '- version: 1\n',
    at: '1:1',
    message: 'the file must be a set of `key: value` lines, not a list',
  },
  {
    name: 'a YAML syntax error',
    yaml: `${HEADER}assets:\n  - adamId: "1\n`,
    at: '7:1',
    message: 'YAML syntax: a quote or bracket is opened but not closed (Missing closing "quote)',
  },
  {
    name: 'a tab used for indentation',
    yaml: `${HEADER}policy:\n\tprune: true\n`,
    at: '6:1',
    message: 'YAML syntax: a tab is used for indentation; YAML indents with spaces only',
  },
  {
    name: 'two YAML documents in one file',
    yaml: `${HEADER}---\n${HEADER}`,
    at: '5:1',
    message: 'the file holds more than one YAML document',
  },
  {
    name: 'an alias to an anchor that does not exist',
    yaml: `${HEADER}groups:\n  a:\n    users: *nope\n`,
    at: '7:12',
    message: 'alias `*nope` refers to an anchor that is not defined before it',
  },
];

describe('each kind of mistake is reported at its line:col in plain words', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const { diagnostics, states } = await load({ 'a.yaml': c.yaml });
      const severity = c.severity ?? 'error';
      const hit = diagnostics.find((d) => d.severity === severity && d.message.includes(c.message));
      expect(hit, `diagnostics were:\n${located(diagnostics, severity).join('\n')}`).toBeDefined();
      expect(`${hit!.file}:${hit!.line}:${hit!.col}`).toBe(`a.yaml:${c.at}`);
      if (c.hint !== undefined) expect(hit!.hint).toContain(c.hint);
      // A file with an error yields no state; a warning does not block it.
      expect(states).toHaveLength(severity === 'error' ? 0 : 1);
    });
  }
});

describe('reporting', () => {
  it('reports every error of a file at once, in line order', async () => {
    const yaml = `${HEADER}policy:\n  prnue: true\nassets:\n  - adamId: "x1"\n    pricingParam: PLSU\n    groups: [nope]\n`;
    const { diagnostics } = await load({ 'a.yaml': yaml });
    expect(located(diagnostics)).toEqual([
      'a.yaml:6:3 `prnue` is not a key vppctl knows here',
      'a.yaml:8:13 `x1` is not a valid `adamId`. An adamId is digits only (the number after `id` in the App Store link).',
      'a.yaml:9:19 `pricingParam` must be STDQ or PLUS, not `PLSU`',
      'a.yaml:10:14 group `nope` is not declared under `groups`',
    ]);
  });

  it('an alias bomb is refused instead of expanded', async () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) levels.push(`${'abcdefgh'[i]}: &${'abcdefgh'[i]} [${Array(10).fill(`*${'abcdefgh'[i - 1]}`).join(', ')}]`);
    const yaml = `${HEADER}groups:\n  g:\n    description: x\nbomb:\n${levels.map((l) => `  ${l}`).join('\n')}\n`;
    const { diagnostics } = await load({ 'a.yaml': yaml });
    const bomb = diagnostics.find((d) => d.message.includes('expanding them would exceed'));
    expect(bomb).toMatchObject({ line: 10, col: 10, severity: 'error' });
  });

  it('many repeats in one list: the first five, then a count', async () => {
    const yaml = `${HEADER}assets:\n  - adamId: "1"\n    users: [${Array(9).fill('s-1').join(', ')}]\n`;
    const warnings = located((await load({ 'a.yaml': yaml })).diagnostics, 'warning');
    expect(warnings).toHaveLength(6);
    expect(warnings[5]).toBe('a.yaml:7:43 3 more members of `users` of asset 1 are listed more than once (not listed)');
  });

  it('a user referenced but not declared is kept for the plan, not an error', async () => {
    const yaml = `${HEADER}users:\n  - clientUserId: s-1\ngroups:\n  g: {users: [s-1, s-2]}\nassets:\n  - adamId: "1"\n    users: [s-3, s-2]\n`;
    const { diagnostics, states } = await load({ 'a.yaml': yaml });
    expect(located(diagnostics)).toEqual([]);
    expect(states[0]!.undeclaredUsers).toEqual([
      { clientUserId: 's-2', at: { file: 'a.yaml', line: 8, col: 20 } },
      { clientUserId: 's-3', at: { file: 'a.yaml', line: 11, col: 13 } },
    ]);
  });
});
