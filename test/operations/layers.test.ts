/**
 * The two shells stand on the operations layer and never on each other: the CLI does not import
 * the Action, the Action does not import the CLI, and the operations import neither and print
 * nothing (they return values and tell progress as data).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
}

const imports = (text: string): string[] => [...text.matchAll(/(?:from|import\()\s*'([^']+)'/g)].map((m) => m[1]!);

describe('layers', () => {
  it('the CLI never imports the Action, nor the Action the CLI', () => {
    for (const { file, text } of sources('src/cli')) expect(imports(text).filter((i) => i.includes('/action/')), file).toEqual([]);
    for (const { file, text } of sources('src/action')) expect(imports(text).filter((i) => i.includes('/cli/')), file).toEqual([]);
  });

  it('the operations import neither shell and print nothing', () => {
    for (const { file, text } of sources('src/operations')) {
      expect(imports(text).filter((i) => /\/(cli|action)\//.test(i)), file).toEqual([]);
      expect(text, file).not.toMatch(/console\.|process\.(stdout|stderr)/);
    }
  });
});
