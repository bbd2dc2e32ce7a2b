/**
 * The command line: every command, flag and help text. Commands parse their flags, call the
 * operations (src/operations) and print what comes back; they return exit codes. Only main.ts
 * sets the exit code of the process (and interrupt.ts exits 130 on Ctrl-C), so tests and the demo
 * can run commands in-process.
 *
 * Each command's modules are imported when it runs: `plan` sends its first request sooner when it
 * does not first load apply, import and the simulator.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_TOKEN_ENV } from '../config/index.js';
import { DEFAULT_PARALLEL } from '../operations/parallel.js';
import { describeError } from '../shared/describe-error.js';
import type { Io } from './io.js';
import { packageVersion } from './version.js';

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of 0 or more');
  return n;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return n;
}

const PATHS_HELP = 'desired-state files or directories (every *.yaml / *.yml in them); default: .';

const PARALLEL_HELP =
  'locations worked on at once, each with its own client and rate limit; 1 keeps the order of the files. ' +
  `Why ${DEFAULT_PARALLEL} by default: at Apple's 15 requests/s a location's read is mostly waiting, a few percent of a core each, ` +
  `and each location in flight holds about 0.3 KB per assignment, so ${DEFAULT_PARALLEL} districts of a million assignments stay near 1 GB (README, "Many locations")`;

const parallelFlag = (cmd: Command): Command => cmd.option('--parallel <n>', PARALLEL_HELP, positiveInteger, DEFAULT_PARALLEL);

const STATE_DIR_HELP = 'where the live-state and names caches are kept (default: .vppctl beside each desired-state file)';

const FULL_READ_HELP = 'read every page of each location, ignoring its live-state cache (in the state dir), and write the cache anew';

const planFlags = (cmd: Command): Command =>
  parallelFlag(cmd)
    .option('--allow-mass-removal', 'allow a plan that removes more than policy.maxDisassociations assignments')
    .option('--take-over', 'claim a location whose mdmInfo names another installation (shown in the plan)')
    .option('--separate-users-and-devices', 'never mix clientUserIds and serialNumbers in one request')
    .option('-v, --verbose', 'list every member added or removed');

function buildProgram(io: Io, setExitCode: (code: number) => void): Command {
  const program = new Command('vppctl')
    .description('GitOps for Apple Apps and Books (VPP) licenses: desired state in YAML, reviewed plans, verified applies.')
    .version(packageVersion(), '-V, --version', 'print the version of vppctl')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .addHelpText(
      'after',
      `
Environment:
  VPP_BASE_URL   API base (default https://vpp.itunes.apple.com/mdm/v2; point it at \`vppctl sim\` to rehearse)
  VPP_ALLOW_PLAIN_HTTP=1  allow VPP_BASE_URL over plain http:// to a host other than this machine
  VPP_REQUEST_TIMEOUT     seconds one attempt of a request waits for an answer (default 30)
  <token env>    each location file names the variable holding its sToken (location.token, e.g. VPP_TOKEN)
  NO_COLOR       disable colour and progress bars

Exit codes: 0 success, 1 error (invalid input, API failure, not converged; with several locations: any
location), 2 changes and no error (plan --detailed-exitcode), 130 interrupted (Ctrl-C).

Examples:
  $ vppctl validate vpp/
  $ vppctl plan vpp/central.yaml --format markdown
  $ vppctl apply vpp/ --yes`,
    );

  parallelFlag(
    program
      .command('validate')
      .description('load and validate desired-state files; nothing is sent anywhere, no token needed')
      .argument('[paths...]', PATHS_HELP)
      .addOption(new Option('--format <format>', 'text, or json: the location files (for a workflow matrix) and every diagnostic').choices(['text', 'json']).default('text')),
  )
    .addHelpText(
      'after',
      "\nExamples:\n  $ vppctl validate examples/central-school.yaml\n  $ vppctl validate vpp/ --format json | jq -c '[.locations[].file]'   # one matrix job per location",
    )
    .action(async (paths: string[], opts) => {
      const { runValidate } = await import('./commands/validate.js');
      setExitCode((await runValidate(paths, opts, io)).exitCode);
    });

  planFlags(
    program
      .command('plan')
      .description('read the live location(s), diff against the desired state, print the plan; changes nothing')
      .argument('[paths...]', PATHS_HELP)
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
      .option('--out <file>', 'also write the plan JSON to FILE (apply it later with apply --plan FILE)')
      .option('--detailed-exitcode', 'exit 0 when there are no changes, 2 when there are, 1 on error')
      .option('--full-read', FULL_READ_HELP)
      .option('--state-dir <dir>', STATE_DIR_HELP),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  $ vppctl plan vpp/ --out plan.json\n  $ vppctl plan vpp/central.yaml --format markdown > comment.md\n  $ vppctl plan vpp/ --detailed-exitcode || echo "drift or error: $?"',
    )
    .action(async (paths: string[], opts) => {
      const { runPlan } = await import('./commands/plan.js');
      setExitCode((await runPlan(paths, opts, io)).exitCode);
    });

  planFlags(
    program
      .command('apply')
      .description('plan, then execute and verify (or execute a saved plan with --plan FILE)')
      .argument('[paths...]', PATHS_HELP)
      .option(
        '--plan <file>',
        'execute a saved plan (its file paths start from the plan file); refused if the live state changed since (stale), a request no longer fits the limits, or its requests are not what the files call for now',
      )
      .option('-y, --yes', 'do not ask for confirmation (required when not on a terminal)')
      .option('--poll-interval <seconds>', "time between /status polls of a pending event (Apple's minimum: 30; less only against the simulator on this machine)", positiveNumber, 30)
      .option('--full-read', FULL_READ_HELP)
      .option('--state-dir <dir>', 'where the apply journals, locks and the live-state and names caches are kept (default: .vppctl beside each desired-state file)'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  $ vppctl apply vpp/central.yaml            # shows the plan, asks before changing anything\n  $ vppctl plan vpp/ --out plan.json && vppctl apply --plan plan.json --yes\n  $ vppctl apply vpp/ --yes --poll-interval 1   # against `vppctl sim`',
    )
    .action(async (paths: string[], opts) => {
      const { runApply } = await import('./commands/apply.js');
      setExitCode((await runApply(paths, opts, io)).exitCode);
    });

  parallelFlag(
    program
      .command('status')
      .description('read the live location(s) and print their license health: counts per app, book and subscription, what the plan would leave, token expiry, claim; changes nothing')
      .argument('[paths...]', PATHS_HELP)
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json', 'csv']).default('text'))
      .option('--full-read', FULL_READ_HELP)
      .option('--state-dir <dir>', STATE_DIR_HELP),
  )
    .addHelpText('after', '\nExamples:\n  $ vppctl status vpp/\n  $ vppctl status vpp/ --format csv > licenses.csv')
    .action(async (paths: string[], opts) => {
      const { runStatus } = await import('./commands/status.js');
      setExitCode((await runStatus(paths, opts, io)).exitCode);
    });

  parallelFlag(
    program
      .command('import')
      .description("write desired-state YAML that matches each live location (bootstraps a repo); its plan is empty")
      .option('--out <dir>', 'write <location-name>.yaml into DIR (default: print to stdout; needed for several locations)')
      .option(
        '--token-env <name>',
        `environment variable holding a location's sToken; repeat it to import several locations (default ${DEFAULT_TOKEN_ENV})`,
        (value: string, previous: string[] = []) => [...previous, value],
      )
      .option('--name <name>', 'location name for the file (default: the location name Apple reports; one location only)')
      .option('--full-read', FULL_READ_HELP)
      .option('--state-dir <dir>', 'where the live-state and names caches are kept (default: .vppctl in the --out folder, else here)'),
  )
    .addHelpText('after', '\nExamples:\n  $ VPP_TOKEN=… vppctl import --out vpp/\n  $ vppctl import --token-env VPP_TOKEN_NORTH --token-env VPP_TOKEN_SOUTH --out vpp/')
    .action(async (opts) => {
      const { runImport } = await import('./commands/import.js');
      setExitCode((await runImport(opts, io)).exitCode);
    });

  program
    .command('sim')
    .description("serve the built-in simulator of Apple's API on 127.0.0.1 to rehearse plans and applies")
    .option('--port <n>', 'port to listen on (0 picks a free one)', positiveNumber, 0)
    .option(
      '--state <file>',
      'simulator state JSON, one location (e.g. examples/sim/central-school.json); repeat for several locations behind one URL, each reached by its own token; default: the Central School example',
      (file: string, files: string[] = []) => [...files, file],
    )
    .option('--page-size <n>', 'records per page of paged endpoints', positiveNumber)
    .option('--event-delay <ms>', 'how long events stay PENDING', positiveNumber)
    .option('--latency <ms>', 'added to every response', positiveNumber)
    .option('--reject-mixed', 'reject requests that mix users and devices (one reading of Apple\'s docs)')
    .addOption(
      new Option('--expiry-field <when>', "when answers carry tokenExpirationDate: always (as Apple's examples) or near-expiry (last 15 days, as Apple's text)")
        .choices(['always', 'near-expiry'])
        .default('always'),
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ vppctl sim --port 8080 --state examples/sim/central-school.json\n  $ vppctl sim --state a.json --state b.json     # prints one token per location',
    )
    .action(async (opts) => {
      const { runSim } = await import('./commands/sim.js');
      const sim = await runSim(opts, io);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await sim.close();
    });

  program
    .command('demo')
    .description('plan and apply against the built-in simulator with an example school: no token, no network')
    .addHelpText('after', '\nExample:\n  $ npx vppctl demo')
    .action(async () => {
      const { runDemo } = await import('../demo/run-demo.js');
      setExitCode(await runDemo(io));
    });

  return program;
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    const code = (err as { code?: string; exitCode?: number }).code;
    if (typeof code === 'string' && code.startsWith('commander.')) {
      // --help asked for is success; help shown because a command was missing is a usage error.
      return code === 'commander.helpDisplayed' || code === 'commander.version' ? 0 : 1;
    }
    io.stderr.write(`error: ${describeError(err)}\n`);
    return 1;
  }
  return exitCode;
}
