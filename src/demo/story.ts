/**
 * The demo's story, step by step: what is run, what the admin should notice, and what must hold
 * for the step to count as done (an exit code, and after the roster change the simulator's state).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Narrator } from './narrator.js';
import type { Rehearsal } from './rehearsal.js';
import { editRoster, type RosterEdit } from './roster-edit.js';

export interface Step {
  heading: string;
  /** What the admin sees and why, in two or three lines. */
  explain: string;
  /** A vppctl command, run from the rehearsal folder... */
  argv?: string[];
  /** ...and its exit code when the story holds. */
  exits?: number;
  /** Something the demo does itself; returns the diff it made. */
  act?: (r: Rehearsal) => Promise<string[]>;
  /** What is wrong with the simulator's state after the step, if anything. */
  check?: (r: Rehearsal) => string | undefined;
}

const ROSTER: RosterEdit = {
  join: { clientUserId: 's-1027', email: 's-1027@central.example.edu', managedAppleId: 's-1027@appleschool.central.example.edu', group: 'grade-5' },
  leave: { clientUserId: 's-1024', group: 'grade-6' },
};
const PAGES = '361309726';
const CLASS_READER = '1559451201';
const NUMBERS = '361304891';

const APPLY_FLAGS = ['--yes', '--poll-interval', '0.2'];

function rosterApplied(r: Rehearsal): string | undefined {
  const holds = (adamId: string, user: string) => r.sim.model.holders(adamId).users.includes(user);
  const { join: joiner, leave: leaver } = ROSTER;
  if (!holds(PAGES, joiner.clientUserId) || !holds(CLASS_READER, joiner.clientUserId)) return `${joiner.clientUserId} did not get grade 5's apps`;
  if (holds(NUMBERS, leaver.clientUserId)) return `${leaver.clientUserId} still holds Numbers`;
  return undefined;
}

export function story(file: string): Step[] {
  return [
    {
      heading: '1. Validate the desired state',
      explain:
        `${file} says who should hold which apps, books and subscriptions at Central School: teachers, two grades, two iPad carts.\n` +
        '`validate` checks it offline (schema, groups, typos) and points at file:line:col. No token needed, nothing is sent.',
      argv: ['validate', file],
      exits: 0,
    },
    {
      heading: '2. Plan: what would change',
      explain:
        "`plan` reads the live location through Apple's API (here the built-in simulator, holding a copy of the school) and\n" +
        'lists exactly what it would change: licenses to assign and to free, users to register, and the requests it would send.\n' +
        'It changes nothing. With --detailed-exitcode it exits 2 when there is work to do.',
      argv: ['plan', file, '--detailed-exitcode'],
      exits: 2,
    },
    {
      heading: '3. Apply',
      explain:
        '`apply` sends those requests in order (freed licenses before new ones, users registered before they get apps),\n' +
        'follows every event until Apple settles it, then reads the location again to prove it converged.',
      argv: ['apply', file, ...APPLY_FLAGS],
      exits: 0,
    },
    {
      heading: '4. Plan again: nothing left to do',
      explain:
        'Right after an apply a plan has nothing to do. Run on a schedule, this is the drift check: anything changed by hand\n' +
        'in Apple School Manager shows up here.',
      argv: ['plan', file, '--detailed-exitcode'],
      exits: 0,
    },
    {
      heading: '5. A roster change: a new student, a student who left',
      explain:
        `${ROSTER.join.clientUserId} joins ${ROSTER.join.group} and ${ROSTER.leave.clientUserId} leaves ${ROSTER.leave.group}. ` +
        'The admin edits the file (here a script does) and opens a pull request with this change:',
      act: async (r) => {
        const path = join(r.dir, file);
        const { text, diff } = editRoster(await readFile(path, 'utf8'), ROSTER);
        await writeFile(path, text);
        return diff;
      },
    },
    {
      heading: '6. Plan the roster change',
      explain:
        'This is the plan the pull request gets as a comment. With --verbose it names every member added or removed:\n' +
        `${ROSTER.join.clientUserId} is registered and gets grade 5's apps; ${ROSTER.leave.clientUserId}'s Numbers license goes back to the pool.`,
      argv: ['plan', file, '--verbose', '--detailed-exitcode'],
      exits: 2,
    },
    {
      heading: '7. Apply the roster change',
      explain: 'Merging the pull request applies it. Only what changed is sent: three assignments and one new user.',
      argv: ['apply', file, ...APPLY_FLAGS],
      exits: 0,
      check: rosterApplied,
    },
    {
      heading: '8. Status: licenses left',
      explain:
        '`status` shows what the location holds without changing it: per app and book its name (from the App Store when the\n' +
        'file gives none), licenses bought, assigned, available and reclaimable, and when the token expires.',
      argv: ['status', file],
      exits: 0,
    },
  ];
}

export const CLOSING = {
  heading: 'Using vppctl for real',
  text:
    "Set VPP_TOKEN to a location's content token (Apple School Manager or Apple Business Manager > Settings > Payments\n" +
    'and Billing > Apps and Books) and run `vppctl import --out vpp/`: it writes the file that matches the location as it is,\n' +
    'so its first plan has nothing to do (if another MDM claims the location, it says so, and that plan shows the take-over,\n' +
    'which needs --take-over). Commit it, copy examples/github/vppctl.yml to .github/workflows/ and store the\n' +
    'token as a repository secret: every pull request then gets its plan as a comment, and every merge to main is applied.\n' +
    'Rehearse a big change first against `vppctl sim --state FILE`.',
};

/** Tells the story; stops at the first step that did not do what it says. Returns whether all held. */
export async function tell(steps: Step[], r: Rehearsal, n: Narrator, run: (argv: string[]) => Promise<number>): Promise<boolean> {
  for (const step of steps) {
    n.heading(step.heading);
    n.say(step.explain);
    if (step.act) n.diff(await step.act(r));
    if (step.argv) {
      n.command(step.argv);
      const code = await run(step.argv);
      if (code !== step.exits) {
        n.fail(`"${step.heading}": \`vppctl ${step.argv.join(' ')}\` exited ${code}, the story expects ${step.exits}.`);
        return false;
      }
    }
    const wrong = step.check?.(r);
    if (wrong) {
      n.fail(`"${step.heading}": ${wrong}.`);
      return false;
    }
  }
  n.heading(CLOSING.heading);
  n.say(CLOSING.text);
  return true;
}
