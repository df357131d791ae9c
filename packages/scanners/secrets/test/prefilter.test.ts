import { describe, expect, it } from 'vitest';
import { KeywordPrefilter } from '../src/prefilter.js';
import { RULES } from '../src/rules/index.js';

describe('keyword prefilter', () => {
  it('finds overlapping and nested keywords case-insensitively', () => {
    const pf = new KeywordPrefilter(['he', 'she', 'his', 'hers', 'ghp_', 'xoxb-']);
    expect([...pf.find('uSHErs')].sort()).toEqual([0, 1, 3]);
    expect([...pf.find('token=GHP_abc')]).toEqual([4]);
    expect([...pf.find('nothing here: XOXA-')]).toEqual([0]);
    expect(pf.find('')).toEqual(new Set());
  });

  it('resets on non-ASCII characters', () => {
    const pf = new KeywordPrefilter(['ghp_']);
    expect(pf.find('gh€p_').size).toBe(0);
    expect(pf.find('€ghp_€').size).toBe(1);
  });

  it('agrees with a naive search over every shipped keyword', () => {
    const keywords = [...new Set(RULES.flatMap((r) => r.keywords))];
    const pf = new KeywordPrefilter(keywords);
    const text = `prefix ${keywords
      .filter((_, i) => i % 3 === 0)
      .map((k) => k.toUpperCase())
      .join(' | ')} suffix`;
    const naive = keywords.flatMap((k, i) => (text.toLowerCase().includes(k) ? [i] : []));
    expect([...pf.find(text)].sort((a, b) => a - b)).toEqual(naive);
  });

  it('rejects keywords it cannot match', () => {
    expect(() => new KeywordPrefilter(['Upper'])).toThrow(/lower-case/);
    expect(() => new KeywordPrefilter([''])).toThrow();
  });
});
