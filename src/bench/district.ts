/**
 * A synthetic school district, deterministic for a seed: schools > grades > classes, each grade
 * and class a set of apps, carts of shared iPads with device apps, and a churn between the live
 * state (last term) and the desired state (this term): leavers, new students, students moving
 * class, replaced iPads, a cart moved to another school, a new app for a whole grade level.
 * About 1,000,000 live assignments at the default size. Used by the plan, CLI and apply benchmarks.
 */
import { DEFAULT_LIMITS, type ResponseAsset } from '../api/types.js';
import type { DesiredAsset, DesiredState } from '../config/types.js';
import { assetKey, type Holders, type LiveState } from '../live/types.js';
import { mulberry32 } from '../sim/prng.js';

export interface DistrictOptions {
  users?: number;
  devices?: number;
  assets?: number;
  /** Share of users (and devices) that change between the live and the desired state. */
  churn?: number;
  seed?: number;
}

const GRADES = 13; // K..12
const CLASS_SIZE = 25;
const STUDENTS_PER_SCHOOL = 2000;
const CART_SIZE = 30;
const LEVELS: readonly { grades: readonly number[] }[] = [{ grades: [0, 1, 2, 3, 4, 5] }, { grades: [6, 7, 8] }, { grades: [9, 10, 11, 12] }];

interface Catalog {
  districtWide: number[];
  teacher: number[];
  books: number[];
  grade: number[][];
  courses: number[][];
  device: number[][];
  deviceExtra: number[];
  newApp: number;
  count: number;
}

/** Splits the asset budget into roles; a smaller budget shrinks the pools, never below one each. */
function catalog(total: number): Catalog {
  let next = 0;
  const take = (n: number): number[] => Array.from({ length: n }, () => next++);
  const gradeApps = Math.max(1, Math.min(4, Math.floor(total / 50)));
  const deviceApps = Math.max(2, Math.min(5, Math.floor(total / 40)));
  const fixed = 3 + 4 + 2 + 1 + GRADES * gradeApps + LEVELS.length * deviceApps + 5;
  const coursePool = Math.max(2, Math.floor((total - fixed) / GRADES));
  const c: Catalog = {
    districtWide: take(3),
    teacher: take(4),
    books: take(2),
    newApp: take(1)[0]!,
    grade: Array.from({ length: GRADES }, () => take(gradeApps)),
    courses: Array.from({ length: GRADES }, () => take(coursePool)),
    device: LEVELS.map(() => take(deviceApps)),
    deviceExtra: take(5),
    count: 0,
  };
  c.count = Math.max(total, next);
  return c;
}

interface Student {
  id: string;
  klass: number;
}

interface Klass {
  school: number;
  grade: number;
  courses: number[];
}

export function makeDistrict(opts: DistrictOptions = {}): { desired: DesiredState; live: LiveState } {
  const users = opts.users ?? 100_000;
  const devices = opts.devices ?? 20_000;
  const churn = opts.churn ?? 0.05;
  const seed = opts.seed ?? 1;
  const random = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const cat = catalog(opts.assets ?? 200);

  // ---- last term: schools, classes, students, teachers, carts ---------------------------------
  const teacherCount = Math.max(1, Math.round(users * 0.05));
  const studentCount = users - teacherCount;
  const schools = Math.max(LEVELS.length, Math.round(studentCount / STUDENTS_PER_SCHOOL));
  const classes: Klass[] = [];
  const classesOf = new Map<string, number[]>(); // `${school}/${grade}` -> class indices
  for (let s = 0; s < schools; s++) {
    const level = LEVELS[s % LEVELS.length]!;
    const perGrade = Math.max(1, Math.round(STUDENTS_PER_SCHOOL / level.grades.length / CLASS_SIZE));
    for (const g of level.grades) {
      const list: number[] = [];
      for (let k = 0; k < perGrade; k++) {
        const pool = cat.courses[g]!;
        const first = pick(pool);
        const second = pick(pool.filter((x) => x !== first));
        list.push(classes.length);
        classes.push({ school: s, grade: g, courses: [first, second].sort((a, b) => a - b) });
      }
      classesOf.set(`${s}/${g}`, list);
    }
  }
  let serial = 0;
  const studentId = (): string => `s-${String(serial++).padStart(6, '0')}`;
  const students: Student[] = Array.from({ length: studentCount }, () => ({ id: studentId(), klass: Math.floor(random() * classes.length) }));
  const teachers = Array.from({ length: teacherCount }, (_, i) => ({ id: `t-${String(i).padStart(5, '0')}`, klass: Math.floor(random() * classes.length) }));
  let deviceSerial = 0;
  const serialNumber = (): string => `DMP${String(deviceSerial++).padStart(7, '0')}`;
  const cartCount = Math.max(1, Math.ceil(devices / CART_SIZE));
  const carts = Array.from({ length: cartCount }, (_, c) => ({ school: c % schools, extra: pick(cat.deviceExtra), ipads: [] as string[] }));
  for (let d = 0; d < devices; d++) carts[d % cartCount]!.ipads.push(serialNumber());

  const studentApps = (k: Klass): number[] => [...cat.districtWide, ...cat.grade[k.grade]!, ...k.courses];
  const cartApps = (c: { school: number; extra: number }): number[] => [...cat.device[c.school % LEVELS.length]!, c.extra];
  const holdings = (
    ss: readonly Student[],
    ts: readonly { id: string; klass: number }[],
    cs: readonly { school: number; extra: number; ipads: string[] }[],
    gradeWithNewApp: number | undefined,
  ): Holders[] => {
    const h: Holders[] = Array.from({ length: cat.count }, () => ({ users: [], devices: [] }));
    for (const s of ss) {
      const k = classes[s.klass]!;
      for (const a of studentApps(k)) h[a]!.users.push(s.id);
      if (k.grade === gradeWithNewApp) h[cat.newApp]!.users.push(s.id);
    }
    for (const t of ts) for (const a of [...cat.teacher, ...cat.books, ...cat.grade[classes[t.klass]!.grade]!]) h[a]!.users.push(t.id);
    for (const c of cs) for (const a of cartApps(c)) h[a]!.devices.push(...c.ipads);
    for (const x of h) {
      x.users.sort();
      x.devices.sort();
    }
    return h;
  };
  const before = holdings(students, teachers, carts, undefined);

  // ---- this term: churn ------------------------------------------------------------------------
  const events = Math.round(studentCount * churn);
  const leavers = Math.round(events * 0.3);
  const joiners = Math.round(events * 0.3);
  const movers = events - leavers - joiners;
  const gone = new Set<number>();
  while (gone.size < Math.min(leavers, students.length)) gone.add(Math.floor(random() * students.length));
  const nextStudents: Student[] = students.filter((_, i) => !gone.has(i)).map((s) => ({ ...s }));
  for (let m = 0; m < movers && nextStudents.length > 0; m++) {
    const s = pick(nextStudents);
    const k = classes[s.klass]!;
    s.klass = pick(classesOf.get(`${k.school}/${k.grade}`)!);
  }
  for (let j = 0; j < joiners; j++) nextStudents.push({ id: studentId(), klass: Math.floor(random() * classes.length) });
  const deviceEvents = Math.round(devices * churn);
  const nextCarts = carts.map((c) => ({ ...c, ipads: [...c.ipads] }));
  for (let r = 0; r < Math.round(deviceEvents * 0.8); r++) {
    const c = pick(nextCarts);
    if (c.ipads.length > 0) c.ipads[Math.floor(random() * c.ipads.length)] = serialNumber();
  }
  for (let moved = 0; moved * CART_SIZE < deviceEvents * 0.2; moved++) {
    const c = pick(nextCarts);
    c.school = (c.school + 1) % schools;
  }
  const gradeWithNewApp = 7;
  const after = holdings(nextStudents, teachers, nextCarts, gradeWithNewApp);

  // ---- the two states ------------------------------------------------------------------------------
  const adamId = (a: number): string => String(400_000_000 + a);
  const isBook = (a: number): boolean => cat.books.includes(a);
  const owned: ResponseAsset[] = Array.from({ length: cat.count }, (_, a) => {
    const assigned = before[a]!.users.length + before[a]!.devices.length;
    const wanted = after[a]!.users.length + after[a]!.devices.length;
    const totalCount = Math.ceil(Math.max(assigned, wanted) * 1.05) + 10;
    return {
      adamId: adamId(a),
      pricingParam: 'STDQ',
      productType: isBook(a) ? 'Book' : 'App',
      assignedCount: assigned,
      availableCount: totalCount - assigned,
      retiredCount: 0,
      totalCount,
      deviceAssignable: !isBook(a),
      revocable: !isBook(a),
      supportedPlatforms: ['iOS', 'macOS'],
    };
  });
  const assignments = new Map<string, Holders>();
  before.forEach((h, a) => {
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
    users: [...students, ...teachers].map((u) => ({ clientUserId: u.id, status: 'Associated' as const })),
    subscriptions: [],
    subscriptionAssignments: new Map(),
    versions: { assignments: `v-${seed}`, users: `v-${seed}` },
    fingerprint: `sha256:district-${seed}-${users}-${devices}`,
  };
  const desiredAssets: DesiredAsset[] = [];
  after.forEach((h, a) => {
    if (h.users.length + h.devices.length === 0) return;
    desiredAssets.push({ adamId: adamId(a), pricingParam: 'STDQ', name: `App ${a}`, users: h.users, devices: h.devices, at: { file: 'district.yaml', line: 10 + a, col: 5 } });
  });
  const desired: DesiredState = {
    source: 'district.yaml',
    location: { name: 'Unified School District', tokenEnv: 'VPP_TOKEN_DISTRICT', mdm },
    policy: { prune: true, scope: 'declared', maxDisassociations: 1_000_000, retireUndeclaredUsers: false },
    users: [...nextStudents, ...teachers].map((u) => ({ clientUserId: u.id })).sort((x, y) => (x.clientUserId < y.clientUserId ? -1 : 1)),
    assets: desiredAssets,
    subscriptions: [],
    undeclaredUsers: [],
    warnings: [],
  };
  return { desired, live };
}
