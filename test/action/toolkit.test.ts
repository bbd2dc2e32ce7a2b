import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseMode, createRunner, readEvent, readInputs } from '../../src/action/index.js';
import { parseOutputs, payloadFile } from './run-action.js';

function capture() {
  const sink = { text: '', write: (s: string) => (sink.text += s) };
  return sink;
}

function tempFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'vppctl-toolkit-'));
  const output = join(dir, 'output');
  const summary = join(dir, 'summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  return { dir, output, summary };
}

describe('runner toolkit', () => {
  it('writes outputs in the heredoc format with a random delimiter, multiline values intact', () => {
    const files = tempFiles();
    const out = capture();
    const runner = createRunner({ GITHUB_OUTPUT: files.output }, out);
    runner.setOutput('plan-file', '/tmp/plan.json');
    runner.setOutput('text', 'line one\nline two\nEOF');
    runner.setOutput('text2', 'x');
    const raw = readFileSync(files.output, 'utf8');
    expect(parseOutputs(raw)).toEqual({ 'plan-file': '/tmp/plan.json', text: 'line one\nline two\nEOF', text2: 'x' });
    const delimiters = [...raw.matchAll(/<<(ghadelimiter_[0-9a-f-]{36})\n/g)].map((m) => m[1]);
    expect(delimiters).toHaveLength(3);
    expect(new Set(delimiters).size).toBe(3);
    expect(out.text).toBe('');
  });

  it('masks each line of a secret once, first, and redacts it everywhere it writes', () => {
    const files = tempFiles();
    const out = capture();
    const runner = createRunner({ GITHUB_OUTPUT: files.output, GITHUB_STEP_SUMMARY: files.summary }, out);
    runner.mask('secret-part-one\nsecret-part-two\n');
    runner.mask('secret-part-one');
    expect(out.text).toBe('::add-mask::secret-part-one\n::add-mask::secret-part-two\n');
    runner.info('token is secret-part-one');
    runner.error('bad secret-part-two');
    runner.verbatim('plan says secret-part-one');
    runner.annotate({ file: 'a.yaml', line: 1, col: 1, severity: 'warning', message: 'warns secret-part-two' });
    runner.setOutput('x', 'secret-part-one');
    runner.appendSummary('summary secret-part-two');
    const after = out.text.split('\n').slice(2).join('\n');
    expect(after).not.toMatch(/secret-part/);
    expect(after).toContain('token is ***');
    expect(after).toContain('plan says ***');
    expect(after).toContain('::warning file=a.yaml,line=1,col=1::warns ***');
    expect(readFileSync(files.output, 'utf8')).not.toContain('secret-part');
    expect(readFileSync(files.summary, 'utf8')).toBe('summary ***\n');
  });

  it('formats annotations with file, line and column, escaping properties and data', () => {
    const out = capture();
    const runner = createRunner({}, out);
    runner.error('50% done\nsecond line', { file: 'vpp/a,b:c.yaml', line: 7, col: 5 });
    runner.warning('careful');
    runner.notice('fyi');
    expect(out.text).toBe(
      '::error file=vpp/a%2Cb%3Ac.yaml,line=7,col=5::50%25 done%0Asecond line\n::warning::careful\n::notice::fyi\n',
    );
  });

  it('writes text from files or Apple with workflow commands off, so a name like ::error:: is shown, not obeyed', () => {
    const out = capture();
    const runner = createRunner({}, out);
    runner.verbatim('Location "::error::pwned" (vpp/a.yaml)\nNo changes.');
    const lines = out.text.split('\n');
    const token = /^::stop-commands::(.+)$/.exec(lines[0]!)?.[1];
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.slice(1)).toEqual(['Location "::error::pwned" (vpp/a.yaml)', 'No changes.', `::${token}::`, '']);
  });

  it('wraps work in a log group and closes it even when the work throws', async () => {
    const out = capture();
    const runner = createRunner({}, out);
    await expect(
      runner.group('Plan vpp', async () => {
        runner.info('inside');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(out.text).toBe('::group::Plan vpp\ninside\n::endgroup::\n');
  });

  it('does nothing with outputs and summary when the runner gives no files (a local run)', () => {
    const out = capture();
    const runner = createRunner({}, out);
    runner.setOutput('a', 'b');
    runner.appendSummary('# x');
    expect(out.text).toBe('');
  });
});

describe('inputs', () => {
  it('reads INPUT_ variables with hyphens kept and applies the defaults', () => {
    expect(readInputs({})).toEqual({
      command: undefined,
      paths: ['.'],
      githubToken: '',
      token: '',
      comment: true,
      failOnDrift: false,
      pollInterval: undefined,
    });
    const inputs = readInputs({
      INPUT_COMMAND: 'apply',
      INPUT_PATH: ' vpp/north \n\n vpp/south\nvpp/north\n',
      'INPUT_GITHUB-TOKEN': 'ghs_x',
      INPUT_COMMENT: 'False',
      'INPUT_FAIL-ON-DRIFT': 'TRUE',
      'INPUT_POLL-INTERVAL': '0.5',
    });
    expect(inputs).toEqual({
      command: 'apply',
      paths: ['vpp/north', 'vpp/south'],
      githubToken: 'ghs_x',
      token: '',
      comment: false,
      failOnDrift: true,
      pollInterval: 0.5,
    });
  });

  it('refuses values it cannot read, saying which input', () => {
    expect(() => readInputs({ INPUT_COMMAND: 'destroy' })).toThrow(/command must be validate, plan or apply/);
    expect(() => readInputs({ 'INPUT_FAIL-ON-DRIFT': 'yes' })).toThrow(/fail-on-drift must be true or false/);
    expect(() => readInputs({ 'INPUT_POLL-INTERVAL': '-1' })).toThrow(/poll-interval/);
    expect(() => readInputs({ INPUT_PARALLEL: '0' })).toThrow(/parallel must be a whole number of 1 or more, not "0"/);
    expect(readInputs({ INPUT_PARALLEL: '12' }).parallel).toBe(12);
  });
});

describe('event and mode', () => {
  it('derives the command from the event', () => {
    expect(chooseMode('pull_request')).toEqual({ command: 'plan', driftCheck: false });
    expect(chooseMode('push')).toEqual({ command: 'apply', driftCheck: false });
    expect(chooseMode('schedule')).toEqual({ command: 'plan', driftCheck: true });
    expect(chooseMode('workflow_dispatch')).toEqual({ command: 'plan', driftCheck: true });
    expect(chooseMode('push', 'plan')).toEqual({ command: 'plan', driftCheck: false });
    expect(chooseMode('schedule', 'validate')).toEqual({ command: 'validate', driftCheck: false });
  });

  it('recognises a fork pull request, a deleted fork included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vppctl-event-'));
    const read = (payload: unknown) =>
      readEvent({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: payloadFile(dir, payload), GITHUB_REPOSITORY: 'a/b', GITHUB_SHA: 'abc' });
    const pr = (head: unknown) => ({ pull_request: { number: 5, head: { repo: head }, base: { repo: { full_name: 'a/b' } } } });
    expect(read(pr({ full_name: 'a/b' })).pullRequest).toEqual({ number: 5, fork: false, headRepo: 'a/b' });
    expect(read(pr({ full_name: 'mallory/b' })).pullRequest).toEqual({ number: 5, fork: true, headRepo: 'mallory/b' });
    expect(read(pr(null)).pullRequest?.fork).toBe(true);
    expect(read({ ref: 'refs/heads/main' })).toEqual({ name: 'pull_request', repository: 'a/b', sha: 'abc' });
    expect(readEvent({ GITHUB_EVENT_NAME: 'schedule' }).pullRequest).toBeUndefined();
  });
});
