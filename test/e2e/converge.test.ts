/**
 * `vppctl apply --yes` of each example, from an empty and from a drifted location: the apply says
 * it converged, a second plan has nothing to do, the simulator holds exactly what the file wants
 * for every declared asset and subscription, and an asset the file does not declare is untouched.
 */
import { describe, expect, it } from 'vitest';
import type { SimServer, SimState } from '../../src/sim/index.js';
import { CENTRAL_TOKEN_ENV, CENTRAL_YAML, centralState, desiredOf, emptied, emptyLocationFor, holdersCompared, NO_CHANGES, simRigs } from './sim-rig.js';

const rig = simRigs();

const UNDECLARED_KEY = '999000111:STDQ';
const UNDECLARED_HOLDERS = { devices: ['DMPXUNDECL01', 'DMPXUNDECL02'] };

/** Adds an app the location owns and has assigned but no example declares (scope: declared leaves it alone). */
function withUndeclaredAsset(state: SimState): SimState {
  return {
    ...state,
    assets: [...state.assets, { adamId: '999000111', pricingParam: 'STDQ', productType: 'App', totalCount: 5, deviceAssignable: true, revocable: true }],
    assignments: { ...state.assignments, [UNDECLARED_KEY]: UNDECLARED_HOLDERS },
  };
}

/** The example location after someone assigned by hand what the file does not want. */
function drifted(state: SimState): SimState {
  const plus = (key: string, extra: { users?: string[]; devices?: string[] }) => {
    const h = state.assignments[key] ?? {};
    return { users: [...(h.users ?? []), ...(extra.users ?? [])], devices: [...(h.devices ?? []), ...(extra.devices ?? [])] };
  };
  return {
    ...state,
    assignments: {
      ...state.assignments,
      '361309726:STDQ': plus('361309726:STDQ', { users: ['s-1013', 's-1014'] }),
      '361285480:STDQ': plus('361285480:STDQ', { users: ['s-1001'], devices: ['DMPXK1A2B301'] }),
      '377298193:STDQ': plus('377298193:STDQ', { devices: ['F9FXL2C3D401'] }),
    },
    subscriptionAssignments: [...(state.subscriptionAssignments ?? []), { adamId: 67890, clientUserId: 's-1002', renewing: true }],
  };
}

const TEACHERS = ['t-001', 't-002', 't-003', 't-004'];
const students = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `s-${from + i}`);
const sortedHolders = (sim: SimServer, adamId: string) => {
  const h = sim.model.holders(adamId);
  return { users: h.users.sort(), devices: h.devices.sort() };
};

/** The drift undone, pair by pair, with the holders read off the file by hand rather than by the loader. */
function driftUndone(sim: SimServer): void {
  expect(sortedHolders(sim, '361309726')).toEqual({ users: [...students(1001, 1012), 's-1025', ...TEACHERS].sort(), devices: [] });
  expect(sortedHolders(sim, '361304891')).toEqual({ users: [...students(1013, 1024), 's-1026', ...TEACHERS].sort(), devices: [] });
  expect(sortedHolders(sim, '361285480')).toEqual({ users: TEACHERS, devices: [] });
  expect(sortedHolders(sim, '377298193')).toEqual({ users: TEACHERS, devices: ['DMPXK1A2B301', 'DMPXK1A2B302', 'DMPXK1A2B303', 'DMPXK1A2B304', 'DMPXK1A2B305', 'DMPXK1A2B306'] });
  const seats = sim.model.snapshot().subscriptionAssignments?.map((a) => a.clientUserId).sort();
  expect(seats).toEqual(TEACHERS);
}

const cases: { name: string; file: string; tokenEnv: string; state: () => Promise<SimState>; check?: (sim: SimServer) => void }[] = [
  { name: 'central-school from an empty location', file: CENTRAL_YAML, tokenEnv: CENTRAL_TOKEN_ENV, state: async () => emptied(await centralState()) },
  { name: 'central-school from a drifted location', file: CENTRAL_YAML, tokenEnv: CENTRAL_TOKEN_ENV, state: async () => drifted(await centralState()), check: driftUndone },
  {
    name: 'acme-business (devices only, a PLUS license) from an empty location',
    file: 'examples/acme-business.yaml',
    tokenEnv: 'VPP_TOKEN_ACME',
    state: async () => emptyLocationFor(await desiredOf('examples/acme-business.yaml'), '3000000000000001'),
  },
  {
    name: 'district (rosters from files) from an empty location',
    file: 'examples/district/district.yaml',
    tokenEnv: 'VPP_TOKEN_DISTRICT',
    state: async () => emptyLocationFor(await desiredOf('examples/district/district.yaml'), '3000000000000002'),
  },
];

describe('vppctl apply converges the examples', () => {
  it.each(cases)('$name', async ({ file, tokenEnv, state, check }) => {
    const r = await rig(withUndeclaredAsset(await state()), { tokenEnv: [tokenEnv] });
    const applied = await r.apply([file]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/Apply complete: .* Location converged\.$/m);

    const again = await r.run(['plan', file, '--detailed-exitcode']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout.trimEnd().split('\n').at(-1)).toBe(NO_CHANGES);

    const { want, have } = holdersCompared(await desiredOf(file), r.sim);
    expect(have).toEqual(want);
    expect(r.sim.model.snapshot().assignments[UNDECLARED_KEY]).toEqual(UNDECLARED_HOLDERS);
    check?.(r.sim);
  });
});
