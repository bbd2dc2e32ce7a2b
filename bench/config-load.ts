/**
 * Bench section `config-load`: loadDesiredStates on a 100,000-user district whose members come from
 * roster files, side by side with the floor (reading and splitting the same files, nothing else)
 * and with the same district written inline in the YAML (what rosters spare a large district).
 */
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadDesiredStates } from '../src/config/index.js';
import type { BenchSection } from './sections.js';

const USERS = 100_000;
const GRADES = 13;
const CARTS = 400;
const CART_SIZE = 30;
const RUNS = 5;

export const configLoad: BenchSection = {
  name: 'config-load',
  title: `load + validate a ${USERS.toLocaleString('en-US')}-user district (roster files vs inline YAML)`,
  async run() {
    const dir = await mkdtemp(path.join(tmpdir(), 'vppctl-bench-config-'));
    try {
      await writeDistrict(dir);
      const rosterFile = path.join(dir, 'district.yaml');
      const inlineFile = path.join(dir, 'inline', 'district.yaml');
      const check = await loadDesiredStates([rosterFile]);
      const errors = check.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0 || check.states[0]?.users.length !== USERS) {
        throw new Error(`generated district did not load cleanly: ${errors[0]?.message ?? 'wrong user count'}`);
      }
      const rosterMs = await medianMs(RUNS, () => loadDesiredStates([rosterFile]));
      const floorMs = await medianMs(RUNS, () => readAndSplit(path.join(dir, 'rosters')));
      const inlineMs = await medianMs(1, () => loadDesiredStates([inlineFile]));
      const state = check.states[0]!;
      const memberships = state.assets.reduce((n, a) => n + a.users.length + a.devices.length, 0);
      console.log(`district: ${USERS} users in ${GRADES} grade rosters + 1 people.csv, ${CARTS * CART_SIZE} devices in ${CARTS} carts, ${state.assets.length} assets, ${memberships} resolved (asset, member) pairs`);
      console.log(`loadDesiredStates, rosters: median of ${RUNS} ${rosterMs.toFixed(0)} ms = ${Math.round(USERS / (rosterMs / 1000)).toLocaleString('en-US')} users/s`);
      console.log(`floor (read + split the roster files only): ${floorMs.toFixed(0)} ms; load is ${(rosterMs / floorMs).toFixed(1)}x the floor`);
      console.log(`loadDesiredStates, same district inline in YAML (one run): ${inlineMs.toFixed(0)} ms (${(inlineMs / rosterMs).toFixed(1)}x the roster version)`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

async function medianMs(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function readAndSplit(dir: string): Promise<number> {
  let lines = 0;
  for (const name of await readdir(dir)) lines += (await readFile(path.join(dir, name), 'utf8')).split('\n').length;
  return lines;
}

function studentId(n: number): string {
  return `s-${String(100000 + n)}`;
}

function serial(cart: number, slot: number): string {
  return `DMPX${cart.toString(36).toUpperCase().padStart(4, '0')}${slot.toString(36).toUpperCase().padStart(4, '0')}`;
}

/** The same district twice: with roster files, and with every list written inline in the YAML. */
async function writeDistrict(dir: string): Promise<void> {
  await mkdir(path.join(dir, 'rosters'));
  await mkdir(path.join(dir, 'inline'));
  const people = ['student_id,grade,email'];
  const grades: string[][] = Array.from({ length: GRADES }, () => []);
  for (let n = 0; n < USERS; n++) {
    const id = studentId(n);
    grades[n % GRADES]!.push(id);
    people.push(`${id},${n % GRADES},${id}@students.example.org`);
  }
  await writeFile(path.join(dir, 'rosters', 'people.csv'), `${people.join('\n')}\n`);
  const carts: string[][] = Array.from({ length: CARTS }, (_, c) => Array.from({ length: CART_SIZE }, (_, s) => serial(c, s)));
  for (let g = 0; g < GRADES; g++) {
    // Half the grades as CSV exports, half as plain id lists: both parsers are exercised.
    const body = g % 2 === 0 ? `student_id\n${grades[g]!.join('\n')}\n` : `# grade ${g}\n${grades[g]!.join('\n')}\n`;
    await writeFile(path.join(dir, 'rosters', `grade-${g}.${g % 2 === 0 ? 'csv' : 'txt'}`), body);
  }
  for (let c = 0; c < CARTS; c++) await writeFile(path.join(dir, 'rosters', `cart-${c}.txt`), `${carts[c]!.join('\n')}\n`);

  const assets = (groupsOf: (i: number) => string[]) =>
    Array.from({ length: 20 }, (_, i) => `  - adamId: "${361000000 + i}"\n    groups: [${groupsOf(i).join(', ')}]`).join('\n');
  const groupsFor = (i: number) => (i < 4 ? ['everyone'] : i < 12 ? [`grade-${i}`, `grade-${i + 1}`] : [`carts-${i % 4}`]);
  const header = 'version: 1\nlocation:\n  name: Bench District\n  token: VPP_TOKEN_BENCH\n';
  const cartGroups = (lists: boolean) =>
    Array.from({ length: CARTS }, (_, c) => `  cart-${c}:\n    devices: ${lists ? `[${carts[c]!.join(', ')}]` : `{ file: rosters/cart-${c}.txt }`}`).join('\n');
  const cartSets = Array.from({ length: 4 }, (_, k) => `  carts-${k}:\n    groups: [${Array.from({ length: CARTS / 4 }, (_, j) => `cart-${k * (CARTS / 4) + j}`).join(', ')}]`).join('\n');
  const everyone = `  everyone:\n    groups: [${grades.map((_, g) => `grade-${g}`).join(', ')}]`;

  const withRosters = [
    header,
    'users:\n  file: rosters/people.csv\n  column: student_id\n  emailColumn: email\n',
    'groups:\n',
    grades.map((_, g) => `  grade-${g}:\n    users: { file: rosters/grade-${g}.${g % 2 === 0 ? 'csv' : 'txt'}${g % 2 === 0 ? ', column: student_id' : ''} }`).join('\n'),
    `\n${everyone}\n${cartGroups(false)}\n${cartSets}\n`,
    `assets:\n${assets(groupsFor)}\n`,
  ].join('');
  await writeFile(path.join(dir, 'district.yaml'), withRosters);

  const inline = [
    header,
    'users:\n',
    grades.flat().map((id) => `  - {clientUserId: ${id}, email: ${id}@students.example.org}`).join('\n'),
    '\ngroups:\n',
    grades.map((ids, g) => `  grade-${g}:\n    users: [${ids.join(', ')}]`).join('\n'),
    `\n${everyone}\n${cartGroups(true)}\n${cartSets}\n`,
    `assets:\n${assets(groupsFor)}\n`,
  ].join('');
  await writeFile(path.join(dir, 'inline', 'district.yaml'), inline);
}
