import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, githubAnnotation } from '../../src/config/index.js';
import { looksLikeSToken, tokenProblem } from '../../src/config/token-check.js';
import { load, located } from './temp-files.js';

const sToken = Buffer.from(JSON.stringify({ token: 'VGhpcyBpcyBub3QgYSByZWFsIHRva2Vu+/abc==', expDate: '2030-11-08T22:33:22+0000', orgName: 'Central School' })).toString('base64');

function everythingPrinted(diagnostics: Parameters<typeof formatDiagnostic>[0][]): string {
  return diagnostics.map((d) => `${formatDiagnostic(d)}\n${formatDiagnostic(d, { color: true })}\n${githubAnnotation(d)}\n${JSON.stringify(d)}`).join('\n');
}

describe('an sToken pasted into the file', () => {
  it('as the token value: an error that says to move it to a secret, never repeating it', async () => {
    const { diagnostics, states } = await load({ 'a.yaml': `version: 1\nlocation:\n  name: X\n  token: ${sToken}\n` });
    expect(located(diagnostics)).toEqual(['a.yaml:4:10 `token` holds an sToken itself; it must hold the NAME of an environment variable']);
    expect(diagnostics[0]!.hint).toContain('store the token as a secret');
    expect(diagnostics[0]!.hint).toContain('download a new token');
    expect(states).toEqual([]);
    const printed = everythingPrinted(diagnostics);
    expect(printed).not.toContain(sToken);
    expect(printed).not.toContain(sToken.slice(0, 20));
  });

  it('quoted, or anywhere else in the file (a comment, a name), is found and never repeated', async () => {
    const yaml = `version: 1\n# old token: ${sToken}\nlocation:\n  name: "${sToken}"\n  token: "${sToken}"\npolicy:\n  ${sToken}: true\n`;
    const { diagnostics } = await load({ 'a.yaml': yaml });
    expect(located(diagnostics)).toEqual([
      'a.yaml:2:14 this value looks like an sToken; a token must never be written into the file',
      'a.yaml:4:10 this value looks like an sToken; a token must never be written into the file',
      'a.yaml:5:10 `token` holds an sToken itself; it must hold the NAME of an environment variable',
      'a.yaml:7:3 this value looks like an sToken; a token must never be written into the file',
      'a.yaml:7:3 (a value that looks like an sToken, not shown) is not a key vppctl knows here',
    ]);
    const printed = everythingPrinted(diagnostics);
    expect(printed).not.toContain(sToken.slice(0, 20));
  });

  it('other secrets and wrong names are refused without echoing them', () => {
    const secret = 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3A=';
    expect(tokenProblem(secret)?.message).toBe('`token` looks like a secret, not the NAME of an environment variable');
    expect(tokenProblem('my token')?.message).not.toContain('my token');
    expect(tokenProblem('VPP_TOKEN_CENTRAL')).toBeUndefined();
  });

  it('recognises an sToken by decoding it, not by its length alone', () => {
    expect(looksLikeSToken(sToken)).toBe(true);
    expect(looksLikeSToken(sToken.replace(/(.{20})/g, '$1\n'))).toBe(true);
    expect(looksLikeSToken(Buffer.from(JSON.stringify({ some: 'other json document that is long enough' })).toString('base64'))).toBe(false);
    expect(looksLikeSToken('A'.repeat(80))).toBe(false);
  });
});
