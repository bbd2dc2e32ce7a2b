/**
 * A synthetic school district, deterministic for a seed, as live state (last term) and desired
 * state (this term). About 1,000,000 live assignments at the default size (100,000 users, 20,000
 * iPads, 200 assets). Used by the plan, CLI and apply benchmarks. Two shapes:
 *
 * `curriculum` (the default) licenses the way districts do, by curriculum, not by class:
 *  - schools by level: elementary K-5 (about 500 students), middle 6-8 (1,000), high 9-12 (1,800);
 *    5% of users are teachers, the rest students spread evenly over the 13 grades;
 *  - every student: 3 district-wide apps, 2 apps of their level, 3 apps of their grade (the same
 *    for the grade in every school), and the 1 app their school chose from its level's pool of 4;
 *  - course apps by course, shared across classes and schools: a middle-school student takes 1 and
 *    a high-school student 2 licensed courses from the level's catalogue (the rest of the asset
 *    budget, 40% middle / 60% high); 2% of students hold 1 of 5 accessibility apps of their own;
 *  - teachers: 4 teacher apps, 2 books, and the 3 apps of the grade they teach;
 *  - carts of 30 iPads in every school: 4 device apps of the school's level plus 1 of 5 subject apps.
 *  The 5% churn (of students, and of iPads) is what happens during a term: of the student events
 *  35% withdrawals, 35% new enrolments (any grade, any school), 20% moves to another school of the
 *  same level (school app changes), 10% course changes (one course swapped); of the iPad events
 *  80% replaced iPads (new serial number, same cart) and 20% in carts moved to a school of another
 *  level; and one new app rolled out to all of grade 7. Smaller budgets shrink each pool (never
 *  below one app).
 *
 * `scattered` is a stress shape: two course apps per class (not per course), drawn for each class
 * from its grade's pool, so nearly every churned student needs a distinct asset set and each
 * asset changes for a few hundred targets only; leavers, joiners and students moving class inside
 * their school, replaced iPads, carts moved, a new app for grade 7.
 */
import { DEFAULT_LIMITS, type ResponseAsset } from '../src/api/types.js';
import { DEFAULT_POLICY, type DesiredAsset, type DesiredState } from '../src/config/types.js';
import { assetKey, type Holders, type LiveState } from '../src/live/types.js';
import { mulberry32, type Random } from '../src/sim/prng.js';

export type DistrictShape = 'curriculum' | 'scattered';

export interface DistrictOptions {
  users?: number;
  devices?: number;
  assets?: number;
  /** Share of students (and of iPads) that change between the live and the desired state. */
  churn?: number;
  seed?: number;
  shape?: DistrictShape;
}

const GRADES = 13; // K..12
const CART_SIZE = 30;
const NEW_APP_GRADE = 7;
const LEVELS: readonly { grades: readonly number[]; schoolSize: number }[] = [
  { grades: [0, 1, 2, 3, 4, 5], schoolSize: 500 },
  { grades: [6, 7, 8], schoolSize: 1000 },
  { grades: [9, 10, 11, 12], schoolSize: 1800 },
];
const LEVEL_OF_GRADE = Array.from({ length: GRADES }, (_, g) => LEVELS.findIndex((l) => l.grades.includes(g)));
const levelOf = (grade: number): number => LEVEL_OF_GRADE[grade]!;

/** Both terms of a district, as holders per asset index; `states` turns them into the two states. */
export interface Terms {
  assetCount: number;
  books: ReadonlySet<number>;
  before: Holders[];
  after: Holders[];
  liveUsers: string[];
  desiredUsers: string[];
}

interface Sizes {
  students: number;
  teachers: number;
  devices: number;
  assets: number;
  churn: number;
}

export function makeDistrict(opts: DistrictOptions = {}): { desired: DesiredState; live: LiveState } {
  const users = opts.users ?? 100_000;
  const teachers = Math.max(1, Math.round(users * 0.05));
  const sizes: Sizes = { students: users - teachers, teachers, devices: opts.devices ?? 20_000, assets: opts.assets ?? 200, churn: opts.churn ?? 0.05 };
  const seed = opts.seed ?? 1;
  const random = mulberry32(seed);
  const terms = opts.shape === 'scattered' ? scatteredTerms(sizes, random) : curriculumTerms(sizes, random);
  return states(terms, seed, `${users}-${sizes.devices}-${opts.shape ?? 'curriculum'}`);
}

// ---- shared pieces --------------------------------------------------------------------------------

export const pickFrom =
  (random: Random) =>
  <T>(xs: readonly T[]): T =>
    xs[Math.floor(random() * xs.length)]!;

export function ids(prefix: string, width: number): () => string {
  let serial = 0;
  return () => `${prefix}${String(serial++).padStart(width, '0')}`;
}

/** Splits an asset budget into named pools in order; `take` hands out the next indices. */
export function allocator(): { take: (n: number) => number[]; count: () => number } {
  let next = 0;
  return { take: (n) => Array.from({ length: n }, () => next++), count: () => next };
}

export class HoldingsBuilder {
  private readonly h: Holders[];
  constructor(count: number) {
    this.h = Array.from({ length: count }, () => ({ users: [], devices: [] }));
  }
  user(id: string, apps: Iterable<number>): void {
    for (const a of apps) this.h[a]!.users.push(id);
  }
  device(serials: readonly string[], apps: Iterable<number>): void {
    for (const a of apps) this.h[a]!.devices.push(...serials);
  }
  done(): Holders[] {
    for (const x of this.h) {
      x.users.sort();
      x.devices.sort();
    }
    return this.h;
  }
}

interface Cart {
  school: number;
  extra: number;
  ipads: string[];
}

function makeCarts(devices: number, schools: number, extras: readonly number[], random: Random): { carts: Cart[]; serial: () => string } {
  const pick = pickFrom(random);
  const serial = ids('DMP', 7);
  const count = Math.max(1, Math.ceil(devices / CART_SIZE));
  const carts = Array.from({ length: count }, (_, c) => ({ school: c % schools, extra: pick(extras), ipads: [] as string[] }));
  for (let d = 0; d < devices; d++) carts[d % count]!.ipads.push(serial());
  return { carts, serial };
}

/** 80% of the iPad events replace an iPad in its cart, 20% move whole carts to `moveTo(school)`. */
function churnCarts(carts: readonly Cart[], events: number, serial: () => string, moveTo: (school: number) => number, random: Random): Cart[] {
  const pick = pickFrom(random);
  const next = carts.map((c) => ({ ...c, ipads: [...c.ipads] }));
  for (let r = 0; r < Math.round(events * 0.8); r++) {
    const c = pick(next);
    if (c.ipads.length > 0) c.ipads[Math.floor(random() * c.ipads.length)] = serial();
  }
  for (let moved = 0; moved * CART_SIZE < events * 0.2; moved++) {
    const c = pick(next);
    c.school = moveTo(c.school);
  }
  return next;
}

/** `count` distinct indices below `n`, drawn at random. */
export function distinct(count: number, n: number, random: Random): Set<number> {
  const out = new Set<number>();
  while (out.size < Math.min(count, n)) out.add(Math.floor(random() * n));
  return out;
}

// ---- curriculum ----------------------------------------------------------------------------------

interface Pupil {
  id: string;
  grade: number;
  school: number;
  courses: number[];
  access: number | undefined;
}

function curriculumTerms(size: Sizes, random: Random): Terms {
  const pick = pickFrom(random);
  const scale = size.assets / 200;
  const n = (base: number): number => Math.max(1, Math.round(base * scale));
  const { take, count } = allocator();
  const districtWide = take(n(3));
  const level = LEVELS.map(() => take(n(2)));
  const grade = Array.from({ length: GRADES }, () => take(n(3)));
  const schoolChoice = LEVELS.map(() => take(n(4)));
  const access = take(n(5));
  const teacherApps = take(n(4));
  const books = take(n(2));
  const newApp = take(1)[0]!;
  const deviceApps = LEVELS.map(() => take(n(4)));
  const subjects = take(n(5));
  const coursePool = Math.max(4, size.assets - count());
  const courses = [[] as number[], take(Math.max(2, Math.round(coursePool * 0.4))), []];
  courses[2] = take(Math.max(2, coursePool - courses[1]!.length));
  const coursesTaken = [0, 1, 2];

  // Schools of each level, sized by the level's share of the grades; ids are global.
  const schoolsOf: number[][] = [];
  const schoolLevel: number[] = [];
  const schoolApp: number[] = [];
  for (const [l, lv] of LEVELS.entries()) {
    const students = (size.students * lv.grades.length) / GRADES;
    schoolsOf.push(
      Array.from({ length: Math.max(1, Math.round(students / lv.schoolSize)) }, () => {
        schoolLevel.push(l);
        schoolApp.push(pick(schoolChoice[l]!));
        return schoolLevel.length - 1;
      }),
    );
  }
  const studentId = ids('s-', 6);
  const enrol = (g: number): Pupil => {
    const l = levelOf(g);
    const mine = [...distinct(coursesTaken[l]!, courses[l]!.length, random)].map((k) => courses[l]![k]!).sort((a, b) => a - b);
    return { id: studentId(), grade: g, school: pick(schoolsOf[l]!), courses: mine, access: random() < 0.02 ? pick(access) : undefined };
  };
  const students = Array.from({ length: size.students }, (_, i) => enrol(i % GRADES));
  const teachers = Array.from({ length: size.teachers }, (_, i) => ({ id: `t-${String(i).padStart(5, '0')}`, grade: i % GRADES }));
  const { carts, serial } = makeCarts(size.devices, schoolLevel.length, subjects, random);

  const holdings = (ps: readonly Pupil[], cs: readonly Cart[], rolledOut: boolean): Holders[] => {
    const h = new HoldingsBuilder(count());
    for (const p of ps) {
      const l = levelOf(p.grade);
      h.user(p.id, [...districtWide, ...level[l]!, ...grade[p.grade]!, schoolApp[p.school]!, ...p.courses]);
      if (p.access !== undefined) h.user(p.id, [p.access]);
      if (rolledOut && p.grade === NEW_APP_GRADE) h.user(p.id, [newApp]);
    }
    for (const t of teachers) h.user(t.id, [...teacherApps, ...books, ...grade[t.grade]!]);
    for (const c of cs) h.device(c.ipads, [...deviceApps[schoolLevel[c.school]!]!, c.extra]);
    return h.done();
  };

  // ---- this term ----
  const events = Math.round(size.students * size.churn);
  const withdrawals = Math.round(events * 0.35);
  const enrolments = Math.round(events * 0.35);
  const transfers = Math.round(events * 0.2);
  const courseChanges = events - withdrawals - enrolments - transfers;
  const gone = distinct(withdrawals, students.length, random);
  const staying = students.filter((_, i) => !gone.has(i)).map((p) => ({ ...p }));
  for (let m = 0; m < transfers && staying.length > 0; m++) {
    const p = pick(staying);
    const others = schoolsOf[levelOf(p.grade)]!.filter((s) => s !== p.school);
    if (others.length > 0) p.school = pick(others);
  }
  const secondary = staying.filter((p) => p.courses.length > 0);
  for (let m = 0; m < courseChanges && secondary.length > 0; m++) {
    const p = pick(secondary);
    const pool = courses[levelOf(p.grade)]!.filter((c) => !p.courses.includes(c));
    if (pool.length > 0) p.courses = [...p.courses.slice(1), pick(pool)].sort((a, b) => a - b);
  }
  const joined = Array.from({ length: enrolments }, () => enrol(Math.floor(random() * GRADES)));
  const otherLevel = (school: number): number => pick(schoolsOf[(schoolLevel[school]! + 1) % LEVELS.length]!);
  const nextCarts = churnCarts(carts, Math.round(size.devices * size.churn), serial, otherLevel, random);
  const next = [...staying, ...joined];
  return {
    assetCount: count(),
    books: new Set(books),
    before: holdings(students, carts, false),
    after: holdings(next, nextCarts, true),
    liveUsers: [...students.map((p) => p.id), ...teachers.map((t) => t.id)],
    desiredUsers: [...next.map((p) => p.id), ...teachers.map((t) => t.id)],
  };
}

// ---- scattered -------------------------------------------------------------------------------------

const STUDENTS_PER_SCHOOL = 2000;
const CLASS_SIZE = 25;

interface Klass {
  school: number;
  grade: number;
  courses: number[];
}

function scatteredTerms(size: Sizes, random: Random): Terms {
  const pick = pickFrom(random);
  const { take, count } = allocator();
  const total = size.assets;
  const gradeApps = Math.max(1, Math.min(4, Math.floor(total / 50)));
  const deviceApps = Math.max(2, Math.min(5, Math.floor(total / 40)));
  const fixed = 3 + 4 + 2 + 1 + GRADES * gradeApps + LEVELS.length * deviceApps + 5;
  const districtWide = take(3);
  const teacherApps = take(4);
  const books = take(2);
  const newApp = take(1)[0]!;
  const grade = Array.from({ length: GRADES }, () => take(gradeApps));
  const coursePool = Array.from({ length: GRADES }, () => take(Math.max(2, Math.floor((total - fixed) / GRADES))));
  const device = LEVELS.map(() => take(deviceApps));
  const extras = take(5);
  const assetCount = Math.max(total, count());

  const schools = Math.max(LEVELS.length, Math.round(size.students / STUDENTS_PER_SCHOOL));
  const classes: Klass[] = [];
  const classesOf = new Map<string, number[]>(); // `${school}/${grade}` -> class indices
  for (let s = 0; s < schools; s++) {
    const lv = LEVELS[s % LEVELS.length]!;
    const perGrade = Math.max(1, Math.round(STUDENTS_PER_SCHOOL / lv.grades.length / CLASS_SIZE));
    for (const g of lv.grades) {
      const list: number[] = [];
      for (let k = 0; k < perGrade; k++) {
        const pool = coursePool[g]!;
        const first = pick(pool);
        const second = pick(pool.filter((x) => x !== first));
        list.push(classes.length);
        classes.push({ school: s, grade: g, courses: [first, second].sort((a, b) => a - b) });
      }
      classesOf.set(`${s}/${g}`, list);
    }
  }
  const studentId = ids('s-', 6);
  const students = Array.from({ length: size.students }, () => ({ id: studentId(), klass: Math.floor(random() * classes.length) }));
  const teachers = Array.from({ length: size.teachers }, (_, i) => ({ id: `t-${String(i).padStart(5, '0')}`, klass: Math.floor(random() * classes.length) }));
  const { carts, serial } = makeCarts(size.devices, schools, extras, random);

  const holdings = (ss: readonly { id: string; klass: number }[], cs: readonly Cart[], rolledOut: boolean): Holders[] => {
    const h = new HoldingsBuilder(assetCount);
    for (const s of ss) {
      const k = classes[s.klass]!;
      h.user(s.id, [...districtWide, ...grade[k.grade]!, ...k.courses]);
      if (rolledOut && k.grade === NEW_APP_GRADE) h.user(s.id, [newApp]);
    }
    for (const t of teachers) h.user(t.id, [...teacherApps, ...books, ...grade[classes[t.klass]!.grade]!]);
    for (const c of cs) h.device(c.ipads, [...device[c.school % LEVELS.length]!, c.extra]);
    return h.done();
  };

  const events = Math.round(size.students * size.churn);
  const leavers = Math.round(events * 0.3);
  const joiners = Math.round(events * 0.3);
  const movers = events - leavers - joiners;
  const gone = distinct(leavers, students.length, random);
  const staying = students.filter((_, i) => !gone.has(i)).map((s) => ({ ...s }));
  for (let m = 0; m < movers && staying.length > 0; m++) {
    const s = pick(staying);
    const k = classes[s.klass]!;
    s.klass = pick(classesOf.get(`${k.school}/${k.grade}`)!);
  }
  for (let j = 0; j < joiners; j++) staying.push({ id: studentId(), klass: Math.floor(random() * classes.length) });
  const nextCarts = churnCarts(carts, Math.round(size.devices * size.churn), serial, (s) => (s + 1) % schools, random);
  return {
    assetCount,
    books: new Set(books),
    before: holdings(students, carts, false),
    after: holdings(staying, nextCarts, true),
    liveUsers: [...students, ...teachers].map((u) => u.id),
    desiredUsers: [...staying, ...teachers].map((u) => u.id),
  };
}

// ---- the two states ------------------------------------------------------------------------------

export function states(t: Terms, seed: number, label: string): { desired: DesiredState; live: LiveState } {
  const adamId = (a: number): string => String(400_000_000 + a);
  const owned: ResponseAsset[] = Array.from({ length: t.assetCount }, (_, a) => {
    const assigned = t.before[a]!.users.length + t.before[a]!.devices.length;
    const wanted = t.after[a]!.users.length + t.after[a]!.devices.length;
    const totalCount = Math.ceil(Math.max(assigned, wanted) * 1.05) + 10;
    const book = t.books.has(a);
    return {
      adamId: adamId(a),
      pricingParam: 'STDQ',
      productType: book ? 'Book' : 'App',
      assignedCount: assigned,
      availableCount: totalCount - assigned,
      retiredCount: 0,
      totalCount,
      deviceAssignable: !book,
      revocable: !book,
      supportedPlatforms: ['iOS', 'macOS'],
    };
  });
  const assignments = new Map<string, Holders>();
  t.before.forEach((h, a) => {
    if (h.users.length + h.devices.length > 0) assignments.set(assetKey(adamId(a), 'STDQ'), h);
  });
  const mdm = { id: 'c0ffee00-0000-4000-8000-000000000001', name: 'vppctl' };
  const live: LiveState = {
    uId: `district-${seed}`,
    locationName: 'Unified School District',
    mdmInfo: mdm,
    limits: { ...DEFAULT_LIMITS },
    assets: owned,
    assignments,
    users: t.liveUsers.map((clientUserId) => ({ clientUserId, status: 'Associated' as const })),
    subscriptions: [],
    subscriptionAssignments: new Map(),
    versions: { assignments: `v-${seed}`, users: `v-${seed}` },
    fingerprint: `sha256:district-${seed}-${label}`,
  };
  const desiredAssets: DesiredAsset[] = [];
  t.after.forEach((h, a) => {
    if (h.users.length + h.devices.length === 0) return;
    desiredAssets.push({ adamId: adamId(a), pricingParam: 'STDQ', name: `App ${a}`, users: h.users, devices: h.devices, at: { file: 'district.yaml', line: 10 + a, col: 5 } });
  });
  const desired: DesiredState = {
    source: 'district.yaml',
    location: { name: 'Unified School District', tokenEnv: 'VPP_TOKEN_DISTRICT', mdm },
    policy: { ...DEFAULT_POLICY, maxDisassociations: 1_000_000 },
    users: [...t.desiredUsers].sort().map((clientUserId) => ({ clientUserId })),
    assets: desiredAssets,
    subscriptions: [],
    undeclaredUsers: [],
    warnings: [],
  };
  return { desired, live };
}
