/**
 * The command line: every command, flag and help text. Commands return exit codes; only main.ts
 * touches process.exit, so tests and the GitHub Action can run commands in-process.
 *
 * Each command's modules are imported when it runs: `plan` sends its first request sooner when it
 * does not first load apply, import and the simulator.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_TOKEN_ENV } from '../config/index.js';
import { describeError } from './errors.js';
import type { Io } from './io.js';
import { packageVersion } from './version.js';

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of 0 or more');
  return n;
}

const PATHS_HELP = 'desired-state files or directories (every *.yaml / *.yml in them); default: .';

const planFlags = (cmd: Command): Command =>
  cmd
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

Exit codes: 0 success, 1 error (invalid input, API failure, not converged), 2 changes (plan --detailed-exitcode).

Examples:
  $ vppctl validate vpp/
  $ vppctl plan vpp/central.yaml --format markdown
  $ vppctl apply vpp/ --yes`,
    );

  program
    .command('validate')
    .description('load and validate desired-state files; nothing is sent anywhere, no token needed')
    .argument('[paths...]', PATHS_HELP)
    .addHelpText('after', '\nExample:\n  $ vppctl validate examples/central-school.yaml')
    .action(async (paths: string[]) => {
      const { runValidate } = await import('./commands/validate.js');
      setExitCode((await runValidate(paths, io)).exitCode);
    });

  planFlags(
    program
      .command('plan')
      .description('read the live location(s), diff against the desired state, print the plan; changes nothing')
      .argument('[paths...]', PATHS_HELP)
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
      .option('--out <file>', 'also write the plan JSON to FILE (apply it later with apply --plan FILE)')
      .option('--detailed-exitcode', 'exit 0 when there are no changes, 2 when there are, 1 on error'),
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
      .option('--plan <file>', 'execute a saved plan; refused if the live state changed since (stale plan)')
      .option('-y, --yes', 'do not ask for confirmation (required when not on a terminal)')
      .option('--poll-interval <seconds>', "time between /status polls of a pending event (Apple's minimum: 30; less only against the simulator on this machine)", positiveNumber, 30)
      .option('--state-dir <dir>', 'where the apply journal is kept (default: .vppctl beside each desired-state file)'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  $ vppctl apply vpp/central.yaml            # shows the plan, asks before changing anything\n  $ vppctl plan vpp/ --out plan.json && vppctl apply --plan plan.json --yes\n  $ vppctl apply vpp/ --yes --poll-interval 1   # against `vppctl sim`',
    )
    .action(async (paths: string[], opts) => {
      const { runApply } = await import('./commands/apply.js');
      setExitCode((await runApply(paths, opts, io)).exitCode);
    });

  program
    .command('import')
    .description("write desired-state YAML that matches the live location (bootstraps a repo); its plan is empty")
    .option('--out <dir>', 'write <location-name>.yaml into DIR (default: print to stdout)')
    .option('--token-env <name>', 'environment variable holding the sToken', DEFAULT_TOKEN_ENV)
    .option('--name <name>', 'location name for the file (default: the location name Apple reports)')
    .addHelpText('after', '\nExample:\n  $ VPP_TOKEN=… vppctl import --out vpp/')
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
