/** Asset names and kinds in text and markdown plans; a hostile name stays on its one line, visibly. */
import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderText } from '../../src/render/index.js';
import { asset, location, plan, summary } from './fixtures.js';

const HOSTILE = 'Evil\nApp\u202e | <b>x</b> ## `y`';

function named(name: string | undefined, kind?: 'app' | 'book') {
  return plan(
    location({
      summary: summary({ associate: 1, disassociate: 1, requests: 2 }),
      changes: { assets: [asset({ adamId: '1', ...(name !== undefined && { name }), ...(kind && { kind }), add: { users: ['s-1'], devices: [] }, remove: { users: ['s-2'], devices: [] }, liveCount: 1, desiredCount: 1 })] },
    }),
  );
}

describe('asset names in plans', () => {
  it('text: name, then kind and id; unnamed assets say so', () => {
    expect(renderText(named('Pages', 'app'), { color: false })).toContain('  ~ Pages (app 1 STDQ): +1 user, -1 user [assigned 1 -> 1]');
    expect(renderText(named(undefined, 'book'), { color: false })).toContain('  ~ (unnamed) (book 1 STDQ): +1 user');
  });

  it('a hostile name: escaped where it does not print, one line in text and in markdown', () => {
    const text = renderText(named(HOSTILE, 'app'), { color: false });
    expect(text).toContain('  ~ Evil\\nApp\\u202e | <b>x</b> ## `y` (app 1 STDQ)');
    const md = renderMarkdown(named(HOSTILE, 'app'));
    const line = md.split('\n').find((l) => l.includes('Evil'))!;
    expect(line).toContain('<summary><b>Evil\\nApp\\u202e &#124; &#60;b&#62;x&#60;/b&#62; ## `y`</b> app <code>1 STDQ</code>');
    expect(md).not.toMatch(/[\u202e]/);
  });

  it('markdown opens with the deletion warning when the plan takes anything away', () => {
    const md = renderMarkdown(named('Pages', 'app'));
    expect(md.split('\n').slice(0, 4)).toEqual(['## vppctl plan', '', '> [!WARNING]', '> **This plan removes or revokes licenses:** 1 assignment removed.']);
    const adding = plan(location({ summary: summary({ associate: 1, requests: 1 }), changes: { assets: [asset({ adamId: '1', add: { users: ['s-1'], devices: [] } })] } }));
    expect(renderMarkdown(adding)).not.toContain('[!WARNING]');
  });
});
