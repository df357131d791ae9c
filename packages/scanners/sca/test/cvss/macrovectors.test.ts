/**
 * The CVSS v4.0 MacroVector data (FIRST CVSS v4.0 Specification, §8) and the properties the scoring
 * method relies on.
 */
import { describe, expect, it } from 'vitest';
import { cvssScores } from '../../src/cvss/index.js';
import {
  HIGHEST_SEVERITY_VECTORS,
  MACROVECTOR_SCORES,
  SEVERITY_LEVELS,
  type MaxVectorPart,
} from '../../src/cvss/v4-tables.js';

/** Every valid combination of EQ levels: EQ3/EQ6 only as 00, 01, 10, 11 and 21. */
function validMacroVectors(): string[] {
  const keys: string[] = [];
  for (const eq1 of [0, 1, 2])
    for (const eq2 of [0, 1])
      for (const eq3eq6 of ['00', '01', '10', '11', '21'])
        for (const eq4 of [0, 1, 2])
          for (const eq5 of [0, 1, 2]) keys.push(`${eq1}${eq2}${eq3eq6[0]}${eq4}${eq5}${eq3eq6[1]}`);
  return keys.sort();
}

function cartesian<T>(lists: readonly (readonly T[])[]): T[][] {
  return lists.reduce<T[][]>(
    (acc, list) => acc.flatMap((prefix) => list.map((item) => [...prefix, item])),
    [[]],
  );
}

/** A CVSS v4.0 vector with the given effective values (Safety through MSI/MSA, as the base cannot say S). */
function vectorOf(values: Readonly<Record<string, string>>): string {
  const parts = ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC'].map((m) => `${m}:${values[m]}`);
  for (const m of ['SI', 'SA']) {
    parts.push(values[m] === 'S' ? `${m}:H` : `${m}:${values[m]}`);
  }
  parts.push(`E:${values.E}`, `CR:${values.CR}`, `IR:${values.IR}`, `AR:${values.AR}`);
  if (values.SI === 'S') parts.push('MSI:S');
  if (values.SA === 'S') parts.push('MSA:S');
  return `CVSS:4.0/${parts.join('/')}`;
}

describe('MacroVector score table', () => {
  it('has exactly the 270 MacroVectors of the specification, each with a score in 0.1-10', () => {
    expect(Object.keys(MACROVECTOR_SCORES).sort()).toEqual(validMacroVectors());
    for (const score of Object.values(MACROVECTOR_SCORES)) {
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThanOrEqual(10);
      expect(Math.round(score * 10) / 10).toBe(score);
    }
    // Spot checks against the published table.
    expect(MACROVECTOR_SCORES['000000']).toBe(10);
    expect(MACROVECTOR_SCORES['000200']).toBe(9.3);
    expect(MACROVECTOR_SCORES['100200']).toBe(8.7);
    expect(MACROVECTOR_SCORES['111111']).toBe(5.7);
    expect(MACROVECTOR_SCORES['212221']).toBe(0.1);
  });

  it('scores every highest severity vector of every MacroVector exactly at the table value', () => {
    let checked = 0;
    for (const key of validMacroVectors()) {
      const [eq1, eq2, eq3, eq4, eq5, eq6] = [...key].map(Number) as [
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      const parts: (readonly MaxVectorPart[])[] = [
        HIGHEST_SEVERITY_VECTORS.eq1[eq1] ?? [],
        HIGHEST_SEVERITY_VECTORS.eq2[eq2] ?? [],
        HIGHEST_SEVERITY_VECTORS.eq3eq6[`${eq3}${eq6}`] ?? [],
        HIGHEST_SEVERITY_VECTORS.eq4[eq4] ?? [],
        HIGHEST_SEVERITY_VECTORS.eq5[eq5] ?? [],
      ];
      for (const combination of cartesian(parts)) {
        const vector = vectorOf(Object.assign({}, ...combination) as Record<string, string>);
        const scores = cvssScores(vector);
        expect(scores, vector).toMatchObject({ macroVector: key, score: MACROVECTOR_SCORES[key] });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(270);
  });
});

describe('highest severity vectors', () => {
  /** Effective values to vary, with the others at their most severe. */
  const MOST_SEVERE = {
    AV: 'N',
    AC: 'L',
    AT: 'N',
    PR: 'N',
    UI: 'N',
    VC: 'H',
    VI: 'H',
    VA: 'H',
    SC: 'H',
    SI: 'H',
    SA: 'H',
    E: 'A',
    CR: 'H',
    IR: 'H',
    AR: 'H',
  };

  const SETS: readonly [string, number, readonly string[], (levels: string) => string][] = [
    ['EQ1', 0, ['AV', 'PR', 'UI'], (mv) => mv[0] ?? ''],
    ['EQ2', 1, ['AC', 'AT'], (mv) => mv[1] ?? ''],
    ['EQ3+EQ6', 2, ['VC', 'VI', 'VA', 'CR', 'IR', 'AR'], (mv) => `${mv[2]}${mv[5]}`],
    ['EQ4', 3, ['SC', 'SI', 'SA'], (mv) => mv[3] ?? ''],
  ];

  it.each(SETS)(
    'every vector has, in its %s level, a highest severity vector it does not exceed',
    (_name, index, metrics, level) => {
      const values = metrics.map((metric) => Object.keys(SEVERITY_LEVELS[metric] ?? {}));
      let checked = 0;
      for (const combination of cartesian(values)) {
        const effective: Record<string, string> = { ...MOST_SEVERE };
        metrics.forEach((metric, i) => (effective[metric] = combination[i] ?? ''));
        const { macroVector } = cvssScores(vectorOf(effective)) as { macroVector: string };
        const lvl = level(macroVector);
        const table = HIGHEST_SEVERITY_VECTORS;
        const candidates =
          index === 0
            ? table.eq1[Number(lvl)]
            : index === 1
              ? table.eq2[Number(lvl)]
              : index === 2
                ? table.eq3eq6[lvl]
                : table.eq4[Number(lvl)];
        expect(candidates, `${metrics.join('/')} = ${combination.join('/')}`).toBeDefined();
        const fits = (candidates ?? []).some((candidate) =>
          metrics.every((metric) => {
            const levels = SEVERITY_LEVELS[metric] ?? {};
            return (levels[effective[metric] ?? ''] ?? NaN) >= (levels[candidate[metric] ?? ''] ?? NaN);
          }),
        );
        expect(fits, `${metrics.join('/')} = ${combination.join('/')} in level ${lvl}`).toBe(true);
        checked += 1;
      }
      expect(checked).toBe(values.reduce((n, list) => n * list.length, 1));
    },
  );
});
