/** `vppctl validate`: load and check desired-state files; nothing is sent anywhere, no token needed. */
import { githubAnnotation } from '../../config/index.js';
import type { Diagnostic } from '../../config/types.js';
import { plural } from '../../shared/plural.js';
import type { Io } from '../io.js';
import { loadLocations } from '../locations.js';

export async function runValidate(paths: string[], io: Io): Promise<{ exitCode: 0 | 1; diagnostics: Diagnostic[] }> {
  const { states, diagnostics, ok } = await loadLocations(paths, io);
  if (io.env.GITHUB_ACTIONS === 'true') {
    for (const d of diagnostics) io.stdout.write(`${githubAnnotation(d)}\n`);
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (ok) {
    const names = states.map((s) => `${s.location.name} (${s.source})`).join(', ');
    io.stdout.write(`Valid: ${plural(states.length, 'location')}${names ? `: ${names}` : ''}.\n`);
  } else {
    io.stderr.write(`Invalid: ${plural(errors, 'error')}. Nothing was sent.\n`);
  }
  return { exitCode: ok ? 0 : 1, diagnostics };
}
