// Agreement with Checkov's own labelled test resources (issue 6): for every expectation row of
// ../shared/data/iac/checkov-index.json whose check has an equivalent Rampart check (`meta.checkov`), run
// that Rampart check on the example and compare our verdict for the resource (fail = at least one finding
// on it) with Checkov's expected pass/fail. Reports agreement per platform and per check, and lists
// disagreements with --verbose. Goal: >= 0.90 on overlapping checks.
//   npx tsc -b packages/scanners/iac && node bench/iac/checkov.mjs [--verbose] [--platform terraform]
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const shared = join(here, '..', '..', '..', 'shared', 'data', 'iac');
if (!existsSync(join(shared, 'checkov-index.json'))) {
  console.log(`skipped: ${shared} not found (the Checkov corpus is only in the development workspace)`);
  process.exit(0);
}
const { PLATFORMS } = await import('../../packages/scanners/iac/dist/platforms.js');
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const onlyPlatform = args.includes('--platform') ? args[args.indexOf('--platform') + 1] : undefined;

const FRAMEWORK = {
  terraform: 'terraform',
  kubernetes: 'kubernetes',
  dockerfile: 'dockerfile',
  github_actions: 'github-actions',
};
const index = JSON.parse(readFileSync(join(shared, 'checkov-index.json'), 'utf8'));

/** Checkov id → our checks (with their platform). */
const ours = new Map();
for (const platform of PLATFORMS)
  for (const check of platform.checks)
    for (const id of check.meta.checkov ?? []) {
      if (!ours.has(id)) ours.set(id, []);
      ours.get(id).push({ platform, check });
    }

function lineOf(text, offset) {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function filesUnder(dir) {
  const out = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (statSync(full).size < 2_000_000) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

/** Findings of one check on a folder (cached per folder and check). */
const cache = new Map();
function findingsFor(platform, check, dir) {
  const key = `${platform.id}\0${check.meta.id}\0${dir}`;
  if (cache.has(key)) return cache.get(key);
  const files = filesUnder(dir)
    .map((full) => ({ path: relative(dir, full).split('\\').join('/'), text: readFileSync(full, 'utf8') }))
    .filter(
      (f) =>
        platform.matches(f.path, f.text) || (platform.id === 'github-actions' && /\.ya?ml$/.test(f.path)),
    );
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const found = [];
  try {
    const { docs } = platform.parse(files);
    for (const doc of docs)
      check.check(doc, (f) => found.push({ ...f, line: lineOf(texts.get(f.path) ?? '', f.start) }));
  } catch (error) {
    found.error = String(error);
  }
  cache.set(key, found);
  return found;
}

/** Start lines of the YAML documents of a file (for Kubernetes rows, which give the document's first line). */
function documentStarts(text) {
  const starts = [1];
  text.split('\n').forEach((line, i) => {
    if (/^---/.test(line)) starts.push(i + 2);
  });
  return starts;
}

function verdict(row, platform, check) {
  const file = join(shared, row.file);
  // Terraform modules and example folders are scanned as a whole; other platforms file by file.
  const dir = dirname(file);
  const rel = relative(dir, file).split('\\').join('/');
  const found = findingsFor(platform, check, dir);
  if (found.error) return { error: found.error };
  if (platform.id === 'terraform') {
    const resource = row.resource.replace(/\[[^\]]*\]$/, '');
    return {
      fail: found.some(
        (f) =>
          (f.resource ?? '').replace(/\[[^\]]*\]$/, '') === resource ||
          (f.resource ?? '').endsWith(`.${resource}`),
      ),
    };
  }
  const inFile = found.filter((f) => f.path === rel);
  if (platform.id === 'kubernetes' && row.line !== undefined) {
    const text = readFileSync(file, 'utf8');
    const starts = documentStarts(text);
    const docStart = Math.max(...starts.filter((s) => s <= row.line));
    const next = starts.find((s) => s > docStart) ?? Infinity;
    return { fail: inFile.some((f) => f.line >= docStart && f.line < next) };
  }
  return { fail: inFile.length > 0 };
}

const perPlatform = new Map();
const perCheck = new Map();
const disagreements = [];
for (const row of index.expectations) {
  const platformId = FRAMEWORK[row.framework];
  if (!platformId || !row.file || (onlyPlatform && platformId !== onlyPlatform)) continue;
  if (row.file.endsWith('.json')) continue; // Terraform plan files: we read HCL
  const candidates = (ours.get(row.checkId) ?? []).filter((c) => c.platform.id === platformId);
  if (candidates.length === 0) continue;
  for (const { platform, check } of candidates) {
    const result = verdict(row, platform, check);
    const agree = !result.error && result.fail === (row.expected === 'fail');
    const p = perPlatform.get(platformId) ?? { agree: 0, total: 0 };
    p.total++;
    if (agree) p.agree++;
    perPlatform.set(platformId, p);
    const c = perCheck.get(check.meta.id) ?? { agree: 0, total: 0, checkov: row.checkId };
    c.total++;
    if (agree) c.agree++;
    perCheck.set(check.meta.id, c);
    if (!agree)
      disagreements.push(
        `${check.meta.id} (${row.checkId}) ${row.resource} expected ${row.expected}, got ${result.error ? `error ${result.error}` : result.fail ? 'fail' : 'pass'}  ${row.file}${row.line ? `:${row.line}` : ''}`,
      );
  }
}

console.log('platform          rows  agree  agreement');
let agree = 0;
let total = 0;
for (const [platform, p] of [...perPlatform].sort()) {
  agree += p.agree;
  total += p.total;
  console.log(
    `${platform.padEnd(16)} ${String(p.total).padStart(5)}  ${String(p.agree).padStart(5)}  ${((100 * p.agree) / p.total).toFixed(1).padStart(6)}%`,
  );
}
console.log(
  `${'TOTAL'.padEnd(16)} ${String(total).padStart(5)}  ${String(agree).padStart(5)}  ${total ? ((100 * agree) / total).toFixed(1).padStart(6) : '   -  '}%   (goal >= 90%)`,
);
console.log(`overlapping checks: ${perCheck.size} of ours map to Checkov ids with labelled rows`);
if (verbose) {
  for (const [id, c] of [...perCheck].sort())
    if (c.agree < c.total) console.log(`  ${id} (${c.checkov}): ${c.agree}/${c.total}`);
  for (const line of disagreements.sort()) console.log(`DISAGREE ${line}`);
}
