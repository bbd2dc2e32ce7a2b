/**
 * Validates the parsed file against schemas/vppctl.schema.json (the same schema editors use) and
 * reports every violation at once, each located in the YAML text.
 */
import { fileURLToPath } from 'node:url';
import type { ErrorObject } from 'ajv';
import { explainAjvError } from './ajv-messages.js';
import { validate as generatedValidate } from './schema-validator.generated.js';
import type { Diagnostic } from './types.js';
import type { YamlLocator } from './yaml-source.js';
import type { Path } from './wording.js';

/** Found relative to this module both in src/config (tests) and in dist/config (the built CLI). */
export const SCHEMA_PATH = fileURLToPath(new URL('../../schemas/vppctl.schema.json', import.meta.url));

/**
 * The schema compiled ahead of time by scripts/build-schema-validator.mjs: loading ajv and
 * compiling at run time cost every run about 100 ms before it could reach the live location. The
 * generated code is untyped; this is the part of ajv's ValidateFunction it provides.
 */
const validate = generatedValidate as { (data: unknown): boolean; errors?: ErrorObject[] | null };

export function checkSchema(data: unknown, locator: YamlLocator): Diagnostic[] {
  if (validate(data)) return [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const typeFailed = new Set<string>();
  for (const e of validate.errors ?? []) {
    // A value of the wrong type also fails the branch meant for the other type; one message is enough.
    if (typeFailed.has(e.instancePath)) continue;
    if (e.keyword === 'type') typeFailed.add(e.instancePath);
    const { path, value } = resolvePointer(e.instancePath, data);
    const explained = explainAjvError(e, path, value);
    if (!explained) continue;
    const at = locator.at(explained.path, explained.part);
    const key = `${at.line}:${at.col}:${explained.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push({ ...at, severity: 'error', message: explained.message, hint: explained.hint });
  }
  return diagnostics;
}

/** "/assets/0/users" -> path ['assets', 0, 'users'] (list indexes as numbers) and the value there. */
function resolvePointer(pointer: string, data: unknown): { path: Path; value: unknown } {
  const path: (string | number)[] = [];
  let value = data;
  for (const raw of pointer === '' ? [] : pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const step = Array.isArray(value) ? Number(segment) : segment;
    path.push(step);
    value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[step] : undefined;
  }
  return { path, value };
}
