/**
 * `vppctl demo` (and `npm run demo`): vppctl's whole loop against the built-in simulator, with no
 * token and no network.
 *
 * In order: start the simulator in-process with the example school (examples/sim/central-school.json;
 * events stay pending 300 ms so progress is visible), copy examples/central-school.yaml into a
 * temporary folder, then validate, plan, apply, plan again (nothing to do), edit a roster, plan the
 * edit with --verbose and apply it, show the location's status; last, how to use vppctl for real. Every command runs in-process
 * through the CLI exactly as typed, with the simulator's URL and token in its environment only.
 *
 * Progress bars and colour on a terminal (NO_COLOR turns them off), a concise log otherwise. The
 * exit code is 1 if any step did not do what the story says, so the demo doubles as a test.
 */
import { runCli } from '../cli/program.js';
import { describeError } from '../shared/describe-error.js';
import type { Io } from '../cli/io.js';
import { narrator } from './narrator.js';
import { openRehearsal } from './rehearsal.js';
import { story, tell } from './story.js';

/** Tells the story on `io`; resolves to the exit code. */
export async function runDemo(io: Io): Promise<number> {
  const rehearsal = await openRehearsal({ eventPendingMs: 300, env: io.env });
  const home = process.cwd();
  const n = narrator(io.stdout, io.stderr, rehearsal.env);
  try {
    // Commands run from the rehearsal folder, so plans show the file name an admin would see.
    process.chdir(rehearsal.dir);
    const stage: Io = { stdout: io.stdout, stderr: io.stderr, env: rehearsal.env };
    const held = await tell(story(rehearsal.file), rehearsal, n, (argv) => runCli(argv, stage));
    return held ? 0 : 1;
  } catch (err) {
    n.fail(describeError(err));
    return 1;
  } finally {
    process.chdir(home);
    await rehearsal.close();
  }
}
