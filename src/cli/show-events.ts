/**
 * What the operations tell while they work, shown: on a terminal as one progress line per location
 * in flight; otherwise apply's concise log lines on stderr, each naming its location, so a CI log
 * reads as it goes. Warnings (a token close to expiry) are shown either way.
 */
import type { OnEvent } from '../operations/index.js';
import { plural } from '../shared/plural.js';
import { interactive, type Io } from './io.js';
import type { ProgressLines } from './progress.js';

export function showEvents(io: Io, lines: ProgressLines): OnEvent {
  const log = !interactive(io.stderr, io.env);
  return (e) => {
    const key = e.location.source;
    const name = e.location.name;
    switch (e.type) {
      case 'read':
        lines.update(key, e.done, e.total, `Reading ${name}`);
        break;
      case 'apply': {
        const p = e.progress;
        const label = `${name}: ${p.phase}, ${p.requestsSent}/${p.requestsTotal} requests, ${plural(p.eventsSettled, 'event')} settled, pairs`;
        lines.update(key, p.pairsDone, Math.max(p.pairsTotal, 1), label);
        break;
      }
      case 'log':
        if (log) io.stderr.write(`${name}: ${e.line}\n`);
        break;
      case 'warning':
        if (log) io.stderr.write(`warning: ${name}: ${e.message}\n`);
        else lines.print(`warning: ${name}: ${e.message}\n`);
        break;
      case 'idle':
        lines.remove(key);
        break;
    }
  };
}
