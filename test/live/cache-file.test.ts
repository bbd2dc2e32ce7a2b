import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheFile, loadCache, saveCache, serializeCache, type LocationCache } from '../../src/live/cache-file.js';

const UID = '2049025000431439';

function sample(): LocationCache {
  return {
    uId: UID,
    versions: { assignments: 'a-000000000007', users: 'a-000000000005' },
    assignmentPages: 3,
    assets: new Map([
      ['361309726:STDQ', { adamId: '361309726', pricingParam: 'STDQ', calibration: 0, holders: { users: ['s-1001', 's-1002'], devices: ['DMPX0001'] } }],
      ['408709785:PLUS', { adamId: '408709785', pricingParam: 'PLUS', calibration: 2, holders: { users: [], devices: [] } }],
    ]),
    users: [
      { clientUserId: 's-1001', email: 's1001@school.example.com', status: 'Associated' },
      { clientUserId: 's-1002', managedAppleId: 's1002@appleid.example.com', status: 'Registered' },
    ],
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vppctl-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the live-state cache file', () => {
  it('round-trips a location: versionIds, holders with calibrations, users', async () => {
    const file = cacheFile(dir, UID);
    expect(file).toBe(join(dir, 'cache', `${UID}.json`));
    await saveCache(file, sample());
    expect(await loadCache(file, UID)).toEqual({ cache: sample() });
  });

  it('is one header line with format, uId and the checksum of the body, then the body', async () => {
    const text = serializeCache(sample()).toString('utf8');
    const [header, body] = [text.slice(0, text.indexOf('\n')), text.slice(text.indexOf('\n') + 1)];
    expect(JSON.parse(header)).toMatchObject({ format: 1, uId: UID, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.parse(body)).toBeInstanceOf(Array);
  });

  it('is missing, not a problem, when there is no file yet', async () => {
    expect(await loadCache(cacheFile(dir, UID), UID)).toEqual({ missing: true });
  });

  it.each([
    ['a body whose checksum does not match', 's-1002', 's-1003', 'its checksum does not match (damaged or edited)'],
    ["another location's cache", `"uId":"${UID}"`, '"uId":"99"', `it belongs to another location (uId 99), not uId ${UID}`],
    ['another format', '{"format":1,', '{"format":2,', 'it is in format 2, this vppctl reads format 1'],
  ])('refuses %s', async (_, from, to, problem) => {
    const file = cacheFile(dir, UID);
    await saveCache(file, sample());
    await writeFile(file, (await readFile(file, 'utf8')).replace(from, to));
    expect(await loadCache(file, UID)).toEqual({ problem });
  });

  it('refuses a file that is not a cache, or cannot be read', async () => {
    const file = cacheFile(dir, UID);
    await mkdir(join(dir, 'cache'), { recursive: true });
    await writeFile(file, 'hello');
    expect(await loadCache(file, UID)).toEqual({ problem: 'it is not a vppctl cache file' });
    await rm(file);
    await mkdir(file);
    expect(await loadCache(file, UID)).toMatchObject({ problem: expect.stringMatching(/^it cannot be read/) });
  });

  it('is replaced whole: no temporary file is left beside it', async () => {
    const file = cacheFile(dir, UID);
    await saveCache(file, sample());
    await saveCache(file, { ...sample(), users: [] });
    expect(await readdir(join(dir, 'cache'))).toEqual([`${UID}.json`]);
    expect(await loadCache(file, UID)).toEqual({ cache: { ...sample(), users: [] } });
  });
});
