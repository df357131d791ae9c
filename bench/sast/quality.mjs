// Precision and recall of the SAST scanner on its labelled corpus (issue 5):
//   packages/scanners/sast/test/fixtures/corpus/<class>/{ng,ok}.<case>[.ext|/]
// `ng` cases mark each vulnerable sink line with `// vuln` (`{/* vuln */}` in JSX, `<!-- vuln -->` in
// templates); `ok` cases have no marker. A finding of the case's class on a marked line is a true
// positive; on any other line (or in an `ok` case) a false positive; a marked line without one a miss.
// Findings of other classes are counted apart ("other").
//   npm run build && node bench/sast/quality.mjs [--verbose] [--class xss]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = join(here, '..', '..', 'packages', 'scanners', 'sast', 'test', 'fixtures', 'corpus');
const { evaluateCorpus } = await import('../../packages/scanners/sast/dist/corpus.js');

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const only = args.includes('--class') ? args[args.indexOf('--class') + 1] : undefined;

const started = process.hrtime.bigint();
const result = evaluateCorpus(corpus, { only });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

const pct = (x) => (Number.isNaN(x) ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
console.log('class                   cases(ng/ok)   TP   FP   FN  precision  recall  other');
let tp = 0,
  fp = 0,
  fn = 0,
  ng = 0,
  ok = 0,
  other = 0;
for (const row of result.classes) {
  tp += row.tp;
  fp += row.fp;
  fn += row.fn;
  ng += row.ng;
  ok += row.ok;
  other += row.other;
  console.log(
    `${row.name.padEnd(24)}${`${row.ng}/${row.ok}`.padStart(12)} ${String(row.tp).padStart(4)} ${String(row.fp).padStart(4)} ${String(row.fn).padStart(4)}   ${pct(row.tp / (row.tp + row.fp))}  ${pct(row.tp / (row.tp + row.fn))}  ${String(row.other).padStart(5)}`,
  );
}
console.log(
  `${'TOTAL'.padEnd(24)}${`${ng}/${ok}`.padStart(12)} ${String(tp).padStart(4)} ${String(fp).padStart(4)} ${String(fn).padStart(4)}   ${pct(tp / (tp + fp))}  ${pct(tp / (tp + fn))}  ${String(other).padStart(5)}`,
);
console.log(`(${seconds.toFixed(2)} s; goal: precision >= 90%, recall >= 80%)`);
if (verbose) for (const line of result.details) console.log(line);
void readFileSync;
void readdirSync;
void statSync;
void relative;
