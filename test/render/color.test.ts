import { describe, expect, it } from 'vitest';
import { colorEnabled } from '../../src/render/index.js';

describe('colorEnabled', () => {
  const tty = { isTTY: true };

  it('colours a terminal and nothing else by default', () => {
    expect(colorEnabled(tty, {})).toBe(true);
    expect(colorEnabled({ isTTY: false }, {})).toBe(false);
    expect(colorEnabled({}, {})).toBe(false);
  });

  it('honours NO_COLOR when it is non-empty', () => {
    expect(colorEnabled(tty, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: 'anything' })).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: '' })).toBe(true);
  });

  it('turns colour off on a dumb terminal', () => {
    expect(colorEnabled(tty, { TERM: 'dumb' })).toBe(false);
    expect(colorEnabled(tty, { TERM: 'xterm-256color' })).toBe(true);
  });

  it('lets FORCE_COLOR win, including over NO_COLOR and a pipe', () => {
    expect(colorEnabled({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorEnabled({}, { FORCE_COLOR: '1', NO_COLOR: '1', TERM: 'dumb' })).toBe(true);
    expect(colorEnabled(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorEnabled(tty, { FORCE_COLOR: 'false' })).toBe(false);
    expect(colorEnabled({ isTTY: false }, { FORCE_COLOR: '' })).toBe(false);
  });
});
