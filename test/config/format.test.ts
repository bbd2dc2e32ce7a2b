import { describe, expect, it } from 'vitest';
import { formatDiagnostic, githubAnnotation, type Diagnostic } from '../../src/config/index.js';

const error: Diagnostic = { file: 'vpp/central.yaml', line: 12, col: 5, severity: 'error', message: '`devics` is not a key vppctl knows here', hint: 'did you mean `devices`?' };
const warning: Diagnostic = { file: 'a.yaml', line: 1, col: 2, severity: 'warning', message: 'w' };

describe('formatDiagnostic', () => {
  it('prints file:line:col, the severity, the message and the hint on its own line', () => {
    expect(formatDiagnostic(error)).toBe('vpp/central.yaml:12:5: error: `devics` is not a key vppctl knows here\n  hint: did you mean `devices`?');
    expect(formatDiagnostic(warning)).toBe('a.yaml:1:2: warning: w');
  });

  it('colours on request only', () => {
    const coloured = formatDiagnostic(error, { color: true });
    expect(coloured).toContain('\u001b[');
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(formatDiagnostic(error));
  });
});

describe('githubAnnotation', () => {
  it('writes a workflow command with the position', () => {
    expect(githubAnnotation(warning)).toBe('::warning file=a.yaml,line=1,col=2::w');
    expect(githubAnnotation(error)).toBe('::error file=vpp/central.yaml,line=12,col=5::`devics` is not a key vppctl knows here%0Ahint: did you mean `devices`?');
  });

  it("escapes %, CR and LF in the message, and also , and : in properties, per GitHub's rules", () => {
    const d: Diagnostic = { file: 'a,b:c%.yaml', line: 3, col: 4, severity: 'error', message: '100% wrong\r\nnext: line, more' };
    // A line break inside a message is text from a file: shown escaped, never a second line.
    expect(githubAnnotation(d)).toBe('::error file=a%2Cb%3Ac%25.yaml,line=3,col=4::100%25 wrong\\r\\nnext: line, more');
    expect(githubAnnotation({ ...d, message: '100%', hint: 'fix it' })).toBe('::error file=a%2Cb%3Ac%25.yaml,line=3,col=4::100%25%0Ahint: fix it');
  });
});
