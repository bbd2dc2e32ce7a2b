/**
 * The shapes batching meets in districts (issue 11), each as a location's two terms, deterministic
 * for a seed and a size (`scale` 1 is the size the issue names; the acceptance tries others):
 *  - bundle district: 13 grades, each a bundle of 8 of 40 apps (bundles overlap, 5 of the 40 are
 *    books, so leavers cannot simply be revoked); 200 carts of 50 iPads with 5 of 30 apps; teachers
 *    with 15 apps (their grade's bundle and teacher apps). Churn: 2.5% of students move up a grade,
 *    2% leave, 10 new carts; or its first apply;
 *  - per-course licensing: every student 6 of 120 course apps; 5% churn (a third swap a course, a
 *    third leave, a third join);
 *  - carts only: 200 carts of 50 iPads, 5 of 30 apps, first apply;
 *  - nested bundles: district-wide apps, a bundle per school, a bundle per grade shared by every
 *    school of the grade's level, teachers per school, carts per school. Churn: movers up a grade
 *    (into the next level's school at a level's last grade), transfers between schools, leavers,
 *    newcomers, new carts and one grade swapping one app; or its first apply;
 *  - scattered churn: random pairs added and removed over random holdings;
 *  - a small school of 300 users (7 grades, bundles of 6 of 20 apps, 4 carts), churn or first apply.
 */
import { mulberry32, type Random } from '../src/sim/prng.js';
import type { DesiredState } from '../src/config/types.js';
import type { LiveState } from '../src/live/types.js';
import { allocator, distinct, HoldingsBuilder, ids, pickFrom, states, type Terms } from './district.js';

export interface FamilyCase {
  desired: DesiredState;
  live: LiveState;
}

export interface Family {
  name: string;
  make(seed: number, scale?: number): FamilyCase;
}

export const families: Family[] = [
  { name: 'bundle district, churn', make: (seed, scale = 1) => bundleSchool(seed, 'churn', bundleDistrictShape(scale), `bundle-${scale}`) },
  { name: 'bundle district, first apply', make: (seed, scale = 1) => bundleSchool(seed, 'first', bundleDistrictShape(scale), `bundle-${scale}`) },
  { name: 'per-course, 5% churn', make: (seed, scale = 1) => perCourse(seed, scale) },
  { name: 'carts only, first apply', make: (seed, scale = 1) => cartsOnly(seed, scale) },
  { name: 'nested bundles, churn', make: (seed, scale = 1) => nestedBundles(seed, scale, 'churn') },
  { name: 'nested bundles, first apply', make: (seed, scale = 1) => nestedBundles(seed, scale, 'first') },
  { name: 'scattered churn', make: (seed, scale = 1) => scattered(seed, scale) },
  { name: 'school of 300, churn', make: (seed, scale = 1) => bundleSchool(seed, 'churn', smallSchoolShape(scale), `school-${scale}`) },
  { name: 'school of 300, first apply', make: (seed, scale = 1) => bundleSchool(seed, 'first', smallSchoolShape(scale), `school-${scale}`) },
];

type Term = 'churn' | 'first';

/** `k` distinct members of `pool`, ascending. */
const chooser =
  (random: Random) =>
  (k: number, pool: readonly number[]): number[] =>
    [...distinct(k, pool.length, random)].map((i) => pool[i]!).sort((a, b) => a - b);

const atLeastOne = (x: number): number => Math.max(1, Math.round(x));

interface Person {
  id: string;
  apps: number[];
}

interface Cart {
  ipads: string[];
  apps: number[];
}

function holdings(count: number, people: readonly Person[], carts: readonly Cart[]): Terms['before'] {
  const h = new HoldingsBuilder(count);
  for (const p of people) h.user(p.id, p.apps);
  for (const c of carts) h.device(c.ipads, c.apps);
  return h.done();
}

/** Live and desired from the two terms; a first apply starts from nothing, users already registered. */
function twoTerms(
  term: Term,
  count: number,
  books: ReadonlySet<number>,
  before: { people: readonly Person[]; carts: readonly Cart[] },
  after: { people: readonly Person[]; carts: readonly Cart[] },
  seed: number,
  label: string,
): FamilyCase {
  const first = term === 'first';
  const from = first ? { people: [], carts: [] } : before;
  const to = first ? before : after;
  const t: Terms = {
    assetCount: count,
    books,
    before: holdings(count, from.people, from.carts),
    after: holdings(count, to.people, to.carts),
    liveUsers: (first ? to : from).people.map((p) => p.id),
    desiredUsers: to.people.map((p) => p.id),
  };
  return states(t, seed, label);
}

function makeCarts(n: number, size: number, apps: () => number[], serial: () => string): Cart[] {
  return Array.from({ length: n }, () => ({ ipads: Array.from({ length: size }, serial), apps: apps() }));
}

// ---- bundle schools: a district, or a small school ------------------------------------------------

interface BundleShape {
  grades: number;
  /** Apps the grade bundles are drawn from; the last `books` of them are books. */
  pool: number;
  books: number;
  bundle: number;
  teacherApps: number;
  cartPool: number;
  cartApps: number;
  students: number;
  teachers: number;
  carts: number;
  cartSize: number;
  newCarts: number;
  /** Shares of students who move up a grade, leave, and join. */
  movers: number;
  leavers: number;
  joiners: number;
}

const bundleDistrictShape = (scale: number): BundleShape => {
  const students = atLeastOne(13 * 1200 * scale);
  return {
    ...{ grades: 13, pool: 40, books: 5, bundle: 8, teacherApps: 7, cartPool: 30, cartApps: 5 },
    ...{ students, teachers: atLeastOne(students * 0.05), carts: atLeastOne(200 * scale), cartSize: 50 },
    ...{ newCarts: atLeastOne(10 * scale), movers: 0.025, leavers: 0.02, joiners: 0 },
  };
};

const smallSchoolShape = (scale: number): BundleShape => ({
  ...{ grades: 7, pool: 20, books: 2, bundle: 6, teacherApps: 5, cartPool: 10, cartApps: 4 },
  ...{ students: 7 * atLeastOne(40 * scale), teachers: atLeastOne(20 * scale), carts: atLeastOne(4 * scale), cartSize: 25 },
  ...{ newCarts: 1, movers: 0.05, leavers: 0.03, joiners: 0.03 },
});

/** Grades holding overlapping bundles, teachers holding their grade's bundle and teacher apps, carts. */
function bundleSchool(seed: number, term: Term, shape: BundleShape, label: string): FamilyCase {
  const random = mulberry32(seed);
  const choose = chooser(random);
  const { take, count } = allocator();
  const bundlePool = take(shape.pool);
  const books = new Set(bundlePool.slice(shape.pool - shape.books));
  const cartPool = take(shape.cartPool);
  const teacherApps = take(shape.teacherApps);
  const bundles = Array.from({ length: shape.grades }, () => choose(shape.bundle, bundlePool));
  const student = ids('s-', 6);
  const students = Array.from({ length: shape.students }, (_, i) => ({ id: student(), grade: i % shape.grades }));
  const teachers: Person[] = Array.from({ length: shape.teachers }, (_, i) => ({
    id: `t-${String(i).padStart(5, '0')}`,
    apps: [...new Set([...teacherApps, ...bundles[i % shape.grades]!])],
  }));
  const serial = ids('DMP', 7);
  const cartApps = (): number[] => choose(shape.cartApps, cartPool);
  const carts = makeCarts(shape.carts, shape.cartSize, cartApps, serial);
  const people = (ss: readonly { id: string; grade: number }[]): Person[] => [...ss.map((s) => ({ id: s.id, apps: bundles[s.grade]! })), ...teachers];

  const n = students.length;
  const movers = distinct(Math.round(n * shape.movers), n, random);
  const leaving = distinct(Math.round(n * shape.leavers), n, random);
  const last = shape.grades - 1;
  const next = students.flatMap((s, i) => (leaving.has(i) && !movers.has(i) ? [] : [movers.has(i) && s.grade < last ? { ...s, grade: s.grade + 1 } : s]));
  for (let j = 0; j < Math.round(n * shape.joiners); j++) next.push({ id: student(), grade: Math.floor(random() * shape.grades) });
  const nextCarts = [...carts, ...makeCarts(shape.newCarts, shape.cartSize, cartApps, serial)];
  return twoTerms(term, count(), books, { people: people(students), carts }, { people: people(next), carts: nextCarts }, seed, label);
}

// ---- per-course licensing --------------------------------------------------------------------------

function perCourse(seed: number, scale: number): FamilyCase {
  const random = mulberry32(seed);
  const choose = chooser(random);
  const pick = pickFrom(random);
  const { take, count } = allocator();
  const courses = take(120);
  const student = ids('s-', 6);
  const enrol = (): Person => ({ id: student(), apps: choose(6, courses) });
  const students = Array.from({ length: atLeastOne(10_000 * scale) }, enrol);
  const events = Math.round(students.length * 0.05);
  const third = Math.round(events / 3);
  const leaving = distinct(third, students.length, random);
  const staying = students.filter((_, i) => !leaving.has(i)).map((p) => ({ ...p }));
  for (let m = 0; m < third; m++) {
    const p = pick(staying);
    const pool = courses.filter((c) => !p.apps.includes(c));
    p.apps = [...p.apps.slice(1), pick(pool)].sort((a, b) => a - b);
  }
  const joined = Array.from({ length: events - 2 * third }, enrol);
  return twoTerms('churn', count(), new Set(), { people: students, carts: [] }, { people: [...staying, ...joined], carts: [] }, seed, `course-${scale}`);
}

// ---- carts only ------------------------------------------------------------------------------------

function cartsOnly(seed: number, scale: number): FamilyCase {
  const random = mulberry32(seed);
  const choose = chooser(random);
  const { take, count } = allocator();
  const pool = take(30);
  const carts = makeCarts(atLeastOne(200 * scale), 50, () => choose(5, pool), ids('DMP', 7));
  return twoTerms('first', count(), new Set(), { people: [], carts }, { people: [], carts }, seed, `carts-${scale}`);
}

// ---- nested bundles ----------------------------------------------------------------------------------

const NESTED_LEVELS: readonly { grades: readonly number[]; schools: number; size: number }[] = [
  { grades: [0, 1, 2, 3, 4, 5], schools: 6, size: 450 },
  { grades: [6, 7, 8], schools: 3, size: 900 },
  { grades: [9, 10, 11, 12], schools: 2, size: 1400 },
];

interface Pupil {
  id: string;
  grade: number;
  school: number;
}

function nestedBundles(seed: number, scale: number, term: Term): FamilyCase {
  const random = mulberry32(seed);
  const choose = chooser(random);
  const pick = pickFrom(random);
  const { take, count } = allocator();
  const districtWide = take(3);
  const schoolPool = take(24);
  const gradePool = take(36);
  const teacherApps = take(4);
  const deviceApps = NESTED_LEVELS.map(() => take(4));
  const subjects = take(5);

  const schoolsOf: number[][] = [];
  const levelOfSchool: number[] = [];
  for (const [l, lv] of NESTED_LEVELS.entries()) {
    schoolsOf.push(Array.from({ length: atLeastOne(lv.schools * scale) }, () => levelOfSchool.push(l) - 1));
  }
  const levelOfGrade = (g: number): number => NESTED_LEVELS.findIndex((lv) => lv.grades.includes(g));
  const schoolBundle = levelOfSchool.map(() => choose(3, schoolPool));
  const gradeBundle = Array.from({ length: 13 }, () => choose(4, gradePool));
  const student = ids('s-', 6);
  const pupils: Pupil[] = [];
  levelOfSchool.forEach((l, school) => {
    const lv = NESTED_LEVELS[l]!;
    for (let i = 0; i < lv.size; i++) pupils.push({ id: student(), grade: lv.grades[i % lv.grades.length]!, school });
  });
  const teachers: Person[] = levelOfSchool.flatMap((l, school) =>
    Array.from({ length: Math.round(NESTED_LEVELS[l]!.size * 0.05) }, (_, i) => ({ id: `t-${school}-${i}`, apps: [...teacherApps, ...schoolBundle[school]!] })),
  );
  const serial = ids('DMP', 7);
  const cartOf = (school: number): Cart => ({ ipads: Array.from({ length: 30 }, serial), apps: [...deviceApps[levelOfSchool[school]!]!, pick(subjects)] });
  const carts = levelOfSchool.flatMap((_, school) => Array.from({ length: 4 }, () => cartOf(school)));
  const people = (ps: readonly Pupil[], grades: readonly number[][]): Person[] => [
    ...ps.map((p) => ({ id: p.id, apps: [...new Set([...districtWide, ...schoolBundle[p.school]!, ...grades[p.grade]!])] })),
    ...teachers,
  ];

  const n = pupils.length;
  const leaving = distinct(Math.round(n * 0.02), n, random);
  const staying = pupils.flatMap((p, i) => (leaving.has(i) ? [] : [{ ...p }]));
  for (const i of distinct(Math.round(n * 0.03), staying.length, random)) {
    const p = staying[i]!;
    if (p.grade === 12) continue;
    p.grade++;
    const l = levelOfGrade(p.grade);
    if (l !== levelOfSchool[p.school]) p.school = pick(schoolsOf[l]!);
  }
  for (const i of distinct(Math.round(n * 0.01), staying.length, random)) {
    const p = staying[i]!;
    const others = schoolsOf[levelOfSchool[p.school]!]!.filter((s) => s !== p.school);
    if (others.length > 0) p.school = pick(others);
  }
  for (let j = 0; j < Math.round(n * 0.02); j++) {
    const grade = Math.floor(random() * 13);
    staying.push({ id: student(), grade, school: pick(schoolsOf[levelOfGrade(grade)]!) });
  }
  const nextCarts = [...carts, ...Array.from({ length: atLeastOne(2 * scale) }, () => cartOf(Math.floor(random() * levelOfSchool.length)))];
  // The curriculum change: one grade swaps one of its apps for another of the pool.
  const changed = gradeBundle.map((b) => [...b]);
  const g = Math.floor(random() * 13);
  changed[g] = [...changed[g]!.slice(1), pick(gradePool.filter((a) => !changed[g]!.includes(a)))].sort((a, b) => a - b);
  return twoTerms(term, count(), new Set(), { people: people(pupils, gradeBundle), carts }, { people: people(staying, changed), carts: nextCarts }, seed, `nested-${scale}`);
}

// ---- scattered ---------------------------------------------------------------------------------------

function scattered(seed: number, scale: number): FamilyCase {
  const random = mulberry32(seed);
  const choose = chooser(random);
  const { take, count } = allocator();
  const apps = take(200);
  const userApps = apps;
  const deviceApps = apps.slice(0, 60);
  const people: Person[] = Array.from({ length: atLeastOne(10_000 * scale) }, (_, i) => ({ id: `u-${String(i).padStart(6, '0')}`, apps: choose(8, userApps) }));
  const carts: Cart[] = Array.from({ length: atLeastOne(2_000 * scale) }, (_, i) => ({ ipads: [`DMP${String(i).padStart(7, '0')}`], apps: choose(3, deviceApps) }));
  const nextPeople = people.map((p) => ({ ...p, apps: [...p.apps] }));
  const nextCarts = carts.map((c) => ({ ...c, apps: [...c.apps] }));
  const flips = Math.round(2_000 * scale);
  for (let f = 0; f < flips; f++) {
    const onDevice = random() < 0.2;
    const holder = onDevice ? nextCarts[Math.floor(random() * nextCarts.length)]! : nextPeople[Math.floor(random() * nextPeople.length)]!;
    const pool = onDevice ? deviceApps : userApps;
    if (random() < 0.5 && holder.apps.length > 1) holder.apps.splice(Math.floor(random() * holder.apps.length), 1);
    else holder.apps = [...new Set([...holder.apps, pool[Math.floor(random() * pool.length)]!])].sort((a, b) => a - b);
  }
  return twoTerms('churn', count(), new Set(), { people, carts }, { people: nextPeople, carts: nextCarts }, seed, `scattered-${scale}`);
}
