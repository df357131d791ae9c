import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateCorpus } from '../src/corpus.js';

const corpus = fileURLToPath(new URL('./fixtures/corpus', import.meta.url));

describe('labelled corpus (test/fixtures/corpus)', () => {
  const { classes, details } = evaluateCorpus(corpus);
  const total = classes.reduce(
    (sum, c) => ({
      ng: sum.ng + c.ng,
      ok: sum.ok + c.ok,
      tp: sum.tp + c.tp,
      fp: sum.fp + c.fp,
      fn: sum.fn + c.fn,
    }),
    { ng: 0, ok: 0, tp: 0, fp: 0, fn: 0 },
  );

  it('holds at least 400 vulnerable and 300 safe cases', () => {
    expect(total.ng).toBeGreaterThanOrEqual(400);
    expect(total.ok).toBeGreaterThanOrEqual(300);
  });

  it('meets the precision (>= 0.90) and recall (>= 0.80) goals overall', () => {
    const precision = total.tp / (total.tp + total.fp);
    const recall = total.tp / (total.tp + total.fn);
    const report = `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}\n${details.filter((d) => !d.startsWith('OTHER')).join('\n')}`;
    expect(precision, report).toBeGreaterThanOrEqual(0.9);
    expect(recall, report).toBeGreaterThanOrEqual(0.8);
  });

  it('finds something in every class and every case parses', () => {
    for (const c of classes) expect(c.tp, c.name).toBeGreaterThan(0);
    expect(details.filter((d) => d.startsWith('NOTE'))).toEqual([]);
  });
});
