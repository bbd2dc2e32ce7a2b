/** The error for a second declaration of something that may be declared once (a user, an asset, a subscription). */
import type { Diagnostic, SourceRef } from './types.js';

export function duplicate(at: SourceRef, message: string, first: SourceRef): Diagnostic {
  return { ...at, severity: 'error', message, hint: `merge it with the first one, at ${first.file}:${first.line}` };
}
