import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { SCHEMA_PATH } from '../../src/config/index.js';

describe('schemas/vppctl.schema.json', () => {
  // The loader compiles it without this check (validateSchema: false), to start sooner.
  it('is a valid JSON Schema 2020-12 document', () => {
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
    ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });
    const valid = ajv.validateSchema(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('a broken schema would be caught', () => {
    const ajv = new Ajv2020({ strict: true });
    expect(ajv.validateSchema({ type: 'object', properties: { a: { type: 'nonsense' } } })).toBe(false);
  });
});
