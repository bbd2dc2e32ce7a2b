/**
 * Validates the parsed file against schemas/vppctl.schema.json (the same schema editors use) and
 * reports every violation at once, each located in the YAML text.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { explainAjvError } from './ajv-messages.js';
import type { Diagnostic } from './types.js';
import type { YamlLocator } from './yaml-source.js';
import type { Path } from './wording.js';

/** Found relative to this module both in src/config (tests) and in dist/config (the built CLI). */
export const SCHEMA_PATH = fileURLToPath(new URL('../../schemas/vppctl.schema.json', import.meta.url));

let validate: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!validate) {
    // validateSchema: checking the schema against the JSON Schema meta-schema would compile that
    // too, doubling the time every run spends before it can start reading the live location; the
    // schema is a fixed file, so a test checks it once instead.
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true, validateSchema: false });
    // Editors show this text for a failed pattern; vppctl uses it too, so both say the same thing.
    ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });
    validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);
  }
  return validate;
}

export function checkSchema(data: unknown, locator: YamlLocator): Diagnostic[] {
  const validate = validator();
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
