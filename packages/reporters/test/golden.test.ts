import { describe, it } from 'vitest';
import { FORMAT_IDS, REPORTERS, renderTable } from '../src/index.js';
import { emptyResult, sampleResult } from './fixtures/sample-result.js';
import { expectGolden, goldenName } from './golden.js';

const FIXTURES = { sample: sampleResult, empty: emptyResult };

describe.each(Object.entries(FIXTURES))('golden output for the %s result', (fixture, build) => {
  it.each(FORMAT_IDS)('%s', (format) => {
    expectGolden(goldenName(fixture, format), REPORTERS[format].render(build(), { color: false }));
  });

  it('table with colour', () => {
    expectGolden(`${fixture}.table.ansi.txt`, renderTable(build(), { color: true }));
  });
});
