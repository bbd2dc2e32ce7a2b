/** What the runner executes (action.yml `runs.main`, bundled into dist-action/index.js). */
import { main } from './index.js';

process.exitCode = await main();
