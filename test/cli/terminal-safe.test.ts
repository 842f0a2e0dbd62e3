import { describe, expect, it } from 'vitest';
import { inertBlock, inertLine, jsonForTerminal } from '../../src/cli/terminal-safe';

describe('terminal-safe text', () => {
  it('shows every control a terminal would act on as a visible escape', () => {
    expect(inertLine('\x1b[2J\x1b]0;pwned\x07')).toBe('\\x1b[2J\\x1b]0;pwned\\x07');
    expect(inertLine('a\nb\r\tc\x7f\u009b')).toBe('a\\x0ab\\x0d\\x09c\\x7f\\x9b');
    expect(inertLine('abc\u202edcb\u2066')).toBe('abc\\u202edcb\\u2066');
    expect(inertLine('plain text, ünïcode ✓')).toBe('plain text, ünïcode ✓');
  });

  it('keeps line feeds and tabs in a block, but not carriage returns', () => {
    expect(inertBlock('line 1\n\tline 2\r\x1b]52;c;ZXZpbA==\x07')).toBe(
      'line 1\n\tline 2\\x0d\\x1b]52;c;ZXZpbA==\\x07',
    );
  });

  it('keeps JSON exact while escaping what JSON.stringify leaves raw', () => {
    const value = { s: 'a\u009b[31m\u202eb\x7f\x1b' };
    const out = jsonForTerminal(JSON.stringify(value));
    expect(out).not.toMatch(/[\u007f-\u009f\u202e\u001b]/);
    expect(JSON.parse(out)).toEqual(value);
  });
});
