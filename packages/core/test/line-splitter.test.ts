import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../src/git/history.js';

function split(chunks: string[]): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line.toString('utf8')));
  for (const chunk of chunks) splitter.push(Buffer.from(chunk, 'utf8'));
  splitter.end();
  return lines;
}

describe('LineSplitter', () => {
  it('splits lines however the chunks fall', () => {
    const text = 'first\nsecond line\r\n\nthird\nlast without newline';
    const expected = ['first', 'second line', '', 'third', 'last without newline'];
    for (let size = 1; size <= text.length; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      expect(split(chunks), `chunks of ${size}`).toEqual(expected);
    }
  });

  it('joins a line spread over many chunks', () => {
    expect(split(['a', 'b', 'c', 'd\ne', 'f'])).toEqual(['abcd', 'ef']);
    expect(split(['x\n', '', 'y\n'])).toEqual(['x', 'y']);
    expect(split([])).toEqual([]);
  });
});
