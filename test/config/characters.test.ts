/**
 * Hostile or mistaken ids and names (issue 16, item 4): characters that do not print are refused
 * where they are written, look-alikes are warned about, and every message shows what the text
 * holds, escaped.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, githubAnnotation } from '../../src/config/index.js';
import { idCharacterProblem, nameCharacterProblem } from '../../src/config/id-characters.js';
import { HEADER, load, located } from './temp-files.js';

const asset = (users: string) => `assets:\n  - adamId: "1"\n    users: ${users}\n`;

describe('ids in a desired-state file', () => {
  it.each([
    ['a zero-width space', 's-1001\u200b', 'U+200B (a zero-width space)', 's-1001\\u200b'],
    ['a right-to-left override', 's-\u202e1001', 'U+202E (a bidirectional control, which reorders the text around it)', 's-\\u202e1001'],
    ['a control character', 's-10\u000701', 'U+0007 (a control character)', 's-10\\u000701'],
    ['a byte-order mark', '\ufeffs-1001', 'U+FEFF', '\\ufeffs-1001'],
  ])('a user id holding %s is an error at its place, shown escaped', async (_, id, what, shown) => {
    const { diagnostics } = await load({ 'a.yaml': `${HEADER}users:\n  - clientUserId: "${id}"\n${asset('[s-2]')}` });
    const errors = located(diagnostics);
    // A byte-order mark is also whitespace, which the schema refuses with its own message.
    expect(errors.some((e) => e.startsWith('a.yaml:6:19 ') && e.includes(shown))).toBe(true);
    if (!id.startsWith('\ufeff')) expect(errors).toEqual([`a.yaml:6:19 user id \`${shown}\` holds ${what}; Apple would take it for a different id than the one you see`]);
  });

  it('member lists of assets and groups are checked too', async () => {
    const { diagnostics } = await load({
      'a.yaml': `${HEADER}groups:\n  g:\n    users: [ok, "x\u2066y"]\n${asset('["s\u200d1"]')}`,
    });
    expect(located(diagnostics).map((e) => e.split(' ')[0])).toEqual(['a.yaml:7:17', 'a.yaml:10:13']);
  });

  it('look-alike dashes and full-width letters are a located warning naming the plain id', async () => {
    const { states, diagnostics } = await load({ 'a.yaml': `${HEADER}${asset('["s\u20111001", "\uff53-1002", "\u0455mith"]')}` });
    expect(states).toHaveLength(1);
    expect(located(diagnostics, 'warning')).toEqual([
      'a.yaml:7:13 user id `s\\u20111001` holds U+2011, which looks like `-`; Apple treats it as a different id than `s-1001`',
      'a.yaml:7:23 user id `\\uff53-1002` holds U+FF53, which looks like `s`; Apple treats it as a different id than `s-1002`',
      'a.yaml:7:33 user id `\\u0455mith` holds Latin letters mixed with Cyrillic ones (\\u0455), which look alike; Apple treats it as a different id',
    ]);
  });

  it('letters of other scripts alone are allowed, and shown escaped in messages', async () => {
    const { diagnostics } = await load({ 'a.yaml': `${HEADER}${asset('["müller", "müller"]')}` });
    expect(located(diagnostics, 'error')).toEqual([]);
    expect(located(diagnostics, 'warning')).toEqual([expect.stringContaining('`m\\u00fcller` is listed twice')]);
  });
});

describe('ids in roster files', () => {
  it('a plain-text roster with a hidden character is an error at its line', async () => {
    const { diagnostics } = await load({
      'a.yaml': `${HEADER}${asset('{file: grade.txt}')}`,
      'grade.txt': 's-1\ns-2\u200b\ns-3\n',
    });
    expect(located(diagnostics)).toEqual(['grade.txt:2:1 user id `s-2\\u200b` holds U+200B (a zero-width space); Apple would take it for a different id than the one you see']);
  });

  it('CSV rosters, including their email column, are checked', async () => {
    const { diagnostics } = await load({
      'a.yaml': `${HEADER}users: {file: people.csv, emailColumn: email}\n`,
      'people.csv': 'id,email\ns-1,a@x.org\ns\u20112,b@x.org\ns-3,c\u202e@x.org\n',
    });
    expect(located(diagnostics, 'error')).toEqual([expect.stringMatching(/^people\.csv:4:1 `email` value `c\\u202e@x\.org` holds U\+202E/)]);
    expect(located(diagnostics, 'warning')).toEqual([expect.stringMatching(/^people\.csv:3:1 user id `s\\u20112` holds U\+2011/)]);
  });
});

describe('names', () => {
  it.each([
    ['location', `version: 1\nlocation:\n  name: "Central\\u001b[2J School"\n`, 'a.yaml:3:9 location name `Central\\u001b[2J School`'],
    ['asset', `${HEADER}assets:\n  - adamId: "1"\n    name: "Pages\\nrm -rf"\n`, 'a.yaml:7:11 asset name `Pages\\nrm -rf`'],
    ['mdm', `version: 1\nlocation:\n  name: X\n  mdm: {id: a, name: "vpp\\u200Fctl"}\n`, 'a.yaml:4:22 mdm name `vpp\\u200fctl`'],
  ])('a %s name with a character that does not print is an error', async (_, text, start) => {
    const { diagnostics } = await load({ 'a.yaml': text });
    expect(located(diagnostics)).toEqual([expect.stringContaining(start)]);
  });

  it('a name in any script is fine', async () => {
    const { diagnostics } = await load({ 'a.yaml': 'version: 1\nlocation:\n  name: École Saint-Exupéry 学校\n' });
    expect(diagnostics).toEqual([]);
  });
});

describe('messages never carry raw control or format characters', () => {
  const hostile = fc.string({ unit: 'binary', minLength: 1, maxLength: 20 });

  it('formatDiagnostic and githubAnnotation escape whatever got into a message, hint or file name', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, (message, hint, file) => {
        const d = { file, line: 1, col: 1, severity: 'error' as const, message, hint };
        for (const out of [formatDiagnostic(d), formatDiagnostic(d, { color: true }), githubAnnotation(d)]) {
          // The only line breaks are the ones formatDiagnostic puts before its hint.
          expect(out.replace(/\n {2}(\u001b\[36m)?hint/, '')).not.toMatch(/[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u);
        }
      }),
    );
  });

  it('the checks themselves never throw, and flag every id holding a control or format character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (id) => {
        const problem = idCharacterProblem(id, 'user id');
        if (/[\p{Cc}\p{Cf}]/u.test(id)) expect(problem?.severity).toBe('error');
        if (problem) expect(problem.message).not.toMatch(/[\p{Cc}\p{Cf}]/u);
        nameCharacterProblem(id, 'name');
      }),
    );
  });
});
