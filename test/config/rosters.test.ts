import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRoster, type ParsedRoster } from '../../src/config/roster-parse.js';
import { HEADER, load, located } from './temp-files.js';

const groupWith = (members: string) => `${HEADER}groups:\n  g:\n    ${members}\nassets:\n  - adamId: "1"\n    groups: [g]\n`;

describe('roster files', () => {
  it('reads one id per line, skipping blank lines and # comments', async () => {
    const { diagnostics, states } = await load({
      'a.yaml': groupWith('devices: {file: carts/cart-1.txt}'),
      'carts/cart-1.txt': '# cart 1\n\nDMPX0001\r\n  DMPX0002   # in repair\nDMPX#0003\n',
    });
    expect(located(diagnostics)).toEqual(['carts/cart-1.txt:5:1 `DMPX#0003` is not a valid serial number: a serial number is letters, digits and hyphens only']);
    expect(states).toEqual([]);
  });

  it('reads a CSV column by its header and points at the cell of an id', async () => {
    const { diagnostics, states } = await load({
      'a.yaml': groupWith('users: {file: rosters/grade-5.csv, column: student_id}'),
      'rosters/grade-5.csv': 'name,student_id,room\n"Doe, Jane",s-2,101\nRoe,s-1,102\nPoe,,103\n',
    });
    expect(located(diagnostics)).toEqual([]);
    expect(located(diagnostics, 'warning')).toEqual(['rosters/grade-5.csv:4:1 this row has no id in the id column; it is skipped']);
    expect(states[0]!.assets[0]!.users).toEqual(['s-1', 's-2']);
    expect(states[0]!.undeclaredUsers).toEqual([
      { clientUserId: 's-2', at: { file: 'rosters/grade-5.csv', line: 2, col: 13 } },
      { clientUserId: 's-1', at: { file: 'rosters/grade-5.csv', line: 3, col: 5 } },
    ]);
  });

  it('reads a tab-separated roster whose reference names its delimiter, and points at its cells', async () => {
    const { diagnostics, states } = await load({
      'a.yaml': groupWith('users: {file: rosters/grade-5.csv, column: student_id, delimiter: tab}'),
      'rosters/grade-5.csv': 'name\tstudent_id\n"Doe,\nJane"\ts-2\nRoe\ts 1\n',
    });
    expect(located(diagnostics)).toEqual(['rosters/grade-5.csv:4:5 `s 1` is not a valid user id: a user id is one word without spaces']);
    expect(states).toEqual([]);
  });

  it('a delimiter on a plain list, or one that is not a delimiter, is an error at `delimiter:`', async () => {
    const plain = await load({ 'a.yaml': groupWith('users:\n      file: x.txt\n      delimiter: ";"'), 'x.txt': 's-1\n' });
    expect(located(plain.diagnostics)).toEqual(['a.yaml:9:7 a delimiter applies to CSV files only, and `x.txt` does not end in .csv']);
    const odd = await load({ 'a.yaml': groupWith('users: {file: r.csv, delimiter: "|"}'), 'r.csv': 'id\ns-1\n' });
    expect(located(odd.diagnostics)).toHaveLength(1);
    expect(located(odd.diagnostics)[0]).toMatch(/^a\.yaml:7:\d+ /);
  });

  it('uses the first column of a CSV when no column is named', async () => {
    const { states } = await load({ 'a.yaml': groupWith('users: {file: r.csv}'), 'r.csv': 'id,email\ns-1,a@b.c\n' });
    expect(states[0]!.assets[0]!.users).toEqual(['s-1']);
  });

  it('declares users from a CSV with email and Managed Apple Account columns', async () => {
    const yaml = `${HEADER}users:\n  file: people.csv\n  column: id\n  emailColumn: mail\n  managedAppleIdColumn: appleid\n`;
    const { diagnostics, states } = await load({ 'a.yaml': yaml, 'people.csv': 'id,mail,appleid\ns-2,s2@x.org,\ns-1,s1@x.org,s1@appleid.x.org\n' });
    expect(diagnostics).toEqual([]);
    expect(states[0]!.users).toEqual([
      { clientUserId: 's-1', email: 's1@x.org', managedAppleId: 's1@appleid.x.org' },
      { clientUserId: 's-2', email: 's2@x.org' },
    ]);
  });

  it('a user declared twice in a roster is an error at the second line', async () => {
    const { diagnostics } = await load({ 'a.yaml': `${HEADER}users: {file: people.txt}\n`, 'people.txt': 's-1\ns-2\ns-1\n' });
    expect(located(diagnostics)).toEqual(['people.txt:3:1 user `s-1` is declared twice']);
    expect(diagnostics[0]!.hint).toBe('merge it with the first one, at people.txt:1');
  });

  it('a missing roster file is an error at its `file:` value', async () => {
    const { diagnostics } = await load({ 'a.yaml': groupWith('users: {file: rosters/nope.txt}') });
    expect(located(diagnostics)).toEqual(['a.yaml:7:19 roster file `rosters/nope.txt` does not exist']);
    expect(diagnostics[0]!.hint).toContain('relative to this YAML file');
  });

  it('refuses a roster outside the repository, and an absolute path', async () => {
    const outside = await load({ 'sub/a.yaml': groupWith('users: {file: ../x.txt}'), 'x.txt': 's-1\n' }, ['sub/a.yaml']);
    expect(located(outside.diagnostics)).toEqual(['sub/a.yaml:7:19 roster file `../x.txt` is outside the repository']);
    const absolute = await load({ 'a.yaml': groupWith('users: {file: /etc/passwd}') });
    expect(located(absolute.diagnostics)).toEqual(['a.yaml:7:19 roster file `/etc/passwd` is an absolute path']);
  });

  it('accepts a roster elsewhere in the same repository', async () => {
    const { diagnostics, states } = await load(
      { '.git/HEAD': 'ref: refs/heads/main\n', 'sites/a.yaml': groupWith('users: {file: ../rosters/x.txt}'), 'rosters/x.txt': 's-1\n' },
      ['sites/a.yaml'],
    );
    expect(diagnostics).toEqual([]);
    expect(states[0]!.undeclaredUsers[0]!.at).toEqual({ file: 'rosters/x.txt', line: 1, col: 1 });
  });

  it('a column on a plain list is an error at `column:`', async () => {
    const { diagnostics } = await load({ 'a.yaml': groupWith('users:\n      file: x.txt\n      column: id'), 'x.txt': 's-1\n' });
    expect(located(diagnostics)).toEqual(['a.yaml:9:7 columns apply to CSV files only, and `x.txt` does not end in .csv']);
  });

  it('a CSV column that is not in the header is an error on the header row, with a suggestion', async () => {
    const { diagnostics } = await load({ 'a.yaml': groupWith('users: {file: r.csv, column: studentid}'), 'r.csv': '# export\nname,student_id\nx,s-1\n' });
    expect(located(diagnostics)).toEqual(['r.csv:2:1 the header row has no column `studentid`; its columns are `name`, `student_id`']);
    expect(diagnostics[0]!.hint).toBe('did you mean `student_id`?');
  });

  it("serial numbers as Apple reports them (lower-case UUIDs included) are accepted; a stray character is not", async () => {
    const ok = await load({ 'a.yaml': groupWith('devices: {file: c.txt}'), 'c.txt': 'DMPX0001\n443d8def-f14b-4422-9997-75c83f595c24\n' });
    expect(ok.diagnostics).toEqual([]);
    const { diagnostics } = await load({ 'a.yaml': groupWith('devices: {file: c.txt}'), 'c.txt': 'DMPX0001\n  DMPX 0002\n' });
    expect(located(diagnostics)).toEqual(['c.txt:2:3 `DMPX 0002` is not a valid serial number: a serial number is letters, digits and hyphens only']);
    expect(diagnostics[0]!.hint).toBe('check that the roster has one serial number per line');
  });

  it('checks serial numbers one by one even in a plain roster, and points at the line', async () => {
    const { diagnostics } = await load({ 'a.yaml': groupWith('devices: {file: c.txt}'), 'c.txt': 'DMPX0001\nDMPX_0002\n-DMPX3\n' });
    expect(located(diagnostics)).toEqual([
      'c.txt:2:1 `DMPX_0002` is not a valid serial number: a serial number is letters, digits and hyphens only',
      'c.txt:3:1 `-DMPX3` is not a valid serial number: a serial number is letters, digits and hyphens only',
    ]);
  });

  it('a user id holding a space other than ASCII (no-break space) is invalid, at its column', async () => {
    const { diagnostics } = await load({ 'a.yaml': groupWith('users: {file: u.txt}'), 'u.txt': 's-1\n s\u00A02\n' });
    expect(located(diagnostics)).toEqual(['u.txt:2:2 `s\\u00a02` is not a valid user id: a user id is one word without spaces']);
  });

  it('a member twice in a roster is a warning, and a broken roster reports only the first few lines', async () => {
    const dup = await load({ 'a.yaml': groupWith('devices: {file: c.txt}'), 'c.txt': 'A1\nB2\nA1\n' });
    expect(located(dup.diagnostics, 'warning')).toEqual(['c.txt:3:1 `A1` is listed twice in `devices` of group `g`']);
    const broken = await load({ 'a.yaml': groupWith('users: {file: c.txt}'), 'c.txt': Array.from({ length: 50 }, (_, i) => `first last${i}`).join('\n') });
    const errors = located(broken.diagnostics);
    expect(errors).toHaveLength(11);
    expect(errors[10]).toBe('c.txt:11:1 40 more invalid ids in c.txt (not listed)');
  });
});

describe('roster parsing', () => {
  /** Ids with the line:col of each, as messages would show them. */
  const positions = (parsed: ParsedRoster) => parsed.ids.map((id, i) => `${parsed.at(i).line}:${parsed.at(i).col} ${id}`);
  /** The ids of column `id` of a CSV text, with their positions, and the extra column `note`. */
  const csv = (text: string, delimiter?: ',' | ';' | '\t') => {
    const parsed = parseRoster(text, true, { column: 'id', extra: ['note'], delimiter });
    return { ids: positions(parsed), notes: parsed.extra.get('note'), problems: parsed.problems };
  };

  it.each([
    ['commas', 'note,id\n"Doe, Jane",s-2\nRoe,s-1\n', ['2:13 s-2', '3:5 s-1']],
    ['semicolons, as Excel writes them in much of Europe', 'note;id\n"Doe; Jane";s-2\nRoe, J.;s-1\n', ['2:13 s-2', '3:9 s-1']],
    ['tabs', 'note\tid\nDoe, Jane\t s-2\nRoe;J\ts-1\n', ['2:12 s-2', '3:7 s-1']],
    ['commas, though cells hold semicolons', 'id,note\ns-1,a;b;c\n', ['2:1 s-1']],
  ])('reads the delimiter from the header line: %s', (_, text, ids) => {
    expect(csv(text).ids).toEqual(ids);
    expect(csv(text).problems).toEqual([]);
  });

  it('takes the delimiter the roster reference names over the header line', () => {
    // The header has more semicolons than commas; the reference says comma.
    const text = 'id,x;y;z\ns-1,a;b;c\n';
    expect(positions(parseRoster(text, true, { column: 'id', delimiter: ',' }))).toEqual(['2:1 s-1']);
    expect(parseRoster(text, true, { column: 'id' }).problems[0]?.message).toBe('the header row has no column `id`; its columns are `id,x`, `y`, `z`');
  });

  it('keeps quoted line breaks, quotes and delimiters in a cell, and locates ids after them', () => {
    const text = 'note,id\n"Doe,\nJane ""JJ""",s-2\n"one\r\n\r\ntwo","s-3"\r\nRoe,s-1\n';
    expect(csv(text)).toEqual({
      ids: ['3:14 s-2', '6:7 s-3', '7:5 s-1'],
      notes: ['Doe,\nJane "JJ"', 'one\n\ntwo', 'Roe'],
      problems: [],
    });
  });

  it('reads back every cell a CSV writer wrote, whatever delimiter, quotes and line breaks it holds', () => {
    const cellText = fc.array(fc.constantFrom('a', 'b', '1', ',', ';', '\t', '"', '\n', '\r\n'), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));
    // Cells start and end with a letter: the parser trims cells, and a row may not start with #.
    const cell = cellText.map((t) => `a${t}b`);
    fc.assert(
      fc.property(fc.constantFrom(',', ';', '\t'), fc.array(fc.tuple(cell, cell), { maxLength: 6 }), (delimiter, rows) => {
        // Quoted only when it must be: the other delimiters stand bare in a cell.
        const quote = (c: string) => (c.includes(delimiter) || /["\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
        const text = [`id${delimiter}note`, ...rows.map((r) => r.map(quote).join(delimiter))].join('\n');
        const parsed = parseRoster(text, true, { column: 'id', extra: ['note'] });
        expect(parsed.problems).toEqual([]);
        // A written \r\n inside a quoted cell reads back as \n: lines are split on \n and lose their \r.
        const read = (c: string) => c.replaceAll('\r\n', '\n');
        expect(parsed.ids).toEqual(rows.map(([id]) => read(id)));
        expect(parsed.extra.get('note')).toEqual(rows.map(([, note]) => read(note)));
      }),
    );
  });

  it('a header cell quoted over two lines still names its column', () => {
    expect(positions(parseRoster('"i\nd",id\nx,s-1\n', true, { column: 'id' }))).toEqual(['3:3 s-1']);
  });
  // A comment line after the last line sends any text down the general parser, moving no id.
  const general = (text: string) => parseRoster(`${text}\n#`, false);

  it.each([
    ['plain, with a final newline', 'a\nb-2\n', true, ['1:1 a', '2:1 b-2']],
    ['plain, without a final newline', 'a\nb', true, ['1:1 a', '2:1 b']],
    ['empty', '', true, []],
    ['a byte order mark', '\uFEFFa\nb\n', true, ['1:1 a', '2:1 b']],
    ['comments', '# export\na\nb # left\nc#d\n', false, ['2:1 a', '3:1 b', '4:1 c#d']],
    ['CRLF', 'a\r\nb\r\n', false, ['1:1 a', '2:1 b']],
    ['blank lines', 'a\n\nb\n\n', false, ['1:1 a', '3:1 b']],
    ['a blank first line', '\na\n', false, ['2:1 a']],
    ['trailing spaces and tabs', 'a  \nb\t\n', false, ['1:1 a', '2:1 b']],
    ['leading spaces', '  a\n\tb\n', false, ['1:3 a', '2:2 b']],
    ['an id with an inner space', 'first last\nb\n', false, ['1:1 first last', '2:1 b']],
    ['a no-break space at the end', 'a\u00A0\nb\n', false, ['1:1 a', '2:1 b']],
    ['an id beyond ASCII', 'élève\nb\n', false, ['1:1 élève', '2:1 b']],
  ])('one id per line, %s: the same ids and positions whichever parser reads it', (_, text, plain, expected) => {
    const parsed = parseRoster(text, false);
    expect(parsed.plain).toBe(plain);
    expect(positions(parsed)).toEqual(expected);
    const other = general(text);
    expect(other.plain).toBe(false);
    expect(positions(other)).toEqual(expected);
  });

  it('any text of ids, spaces, comments and line breaks reads the same by the plain split and by the general parser', () => {
    const piece = fc.constantFrom('a', 'b-1', 'C', '\n', '\n', '\n', ' ', '\t', '\r', '#', '\u00A0', '\uFEFF', 'é');
    const text = fc.oneof(
      fc.array(piece, { maxLength: 40 }).map((p) => p.join('')),
      // Mostly plain texts: '' makes a blank line.
      fc.array(fc.constantFrom('a', 'b-1', 's.2', 'x_y', '"q"', ''), { maxLength: 20 }).map((ids) => ids.join('\n')),
    );
    fc.assert(
      fc.property(text, fc.constantFrom('', '\n', '\uFEFF'), (body, affix) => {
        const withAffix = affix === '\uFEFF' ? affix + body : body + affix;
        const parsed = parseRoster(withAffix, false);
        expect(positions(parsed)).toEqual(positions(general(withAffix)));
      }),
    );
  });

  it('reports a quote that never closes where it opened, and strips a byte order mark', () => {
    const parsed = parseRoster('\uFEFFid\ns-0\n"s-1\ns-2\n', true);
    // Everything after the quote is inside the cell, so no id after it is taken.
    expect(parsed.ids).toEqual(['s-0']);
    expect(parsed.problems).toEqual([
      { line: 3, col: 1, severity: 'error', message: 'a quote (") opened here is never closed', hint: 'close the quote: a quoted cell may hold line breaks, but it must end' },
    ]);
  });
});
