import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { importLocation } from '../../src/import/index.js';
import { snapshot } from '../../src/live/index.js';
import { expandImported, liveHolders } from '../live/live-fixture.js';
import { generatedState, startSim, type SimHarness } from '../live/sim-fixture.js';

const schema = JSON.parse(readFileSync(new URL('../../schemas/vppctl.schema.json', import.meta.url), 'utf8'));
// The schema carries editor-only keywords (patternErrorMessage), hence strict: false.
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

let harnesses: SimHarness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.map((h) => h.close()));
  harnesses = [];
});

async function imported(...args: Parameters<typeof startSim>) {
  const h = await startSim(...args);
  harnesses.push(h);
  const live = await snapshot(h.api);
  return { live, text: importLocation(live) };
}

describe('import of a simulated location', () => {
  it('writes a schema-valid file declaring exactly the example location', async () => {
    const { live, text } = await imported(undefined);
    const doc = parse(text);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.location).toEqual({ name: live.locationName, token: 'VPP_TOKEN', ...(live.mdmInfo && { mdm: live.mdmInfo }) });
    expect(doc.users.map((u: { clientUserId: string }) => u.clientUserId)).toEqual(live.users.map((u) => u.clientUserId));
    expect(doc.assets).toHaveLength(live.assets.length);
    expect(expandImported(doc)).toEqual(liveHolders(live));
  });

  it('writes the same bytes whatever page size the location was read with', async () => {
    const small = await imported(generatedState(), 7);
    const large = await imported(generatedState(), 500);
    expect(small.text).toBe(large.text);
    const doc = parse(small.text);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(expandImported(doc)).toEqual(liveHolders(small.live));
  });
});
