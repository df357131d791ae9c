#!/usr/bin/env node
// Precision/recall of the secrets scanner on the labelled corpus (bench/secrets/corpus, see its README).
//
//   npm run build                      # once: the benchmark runs the built CLI
//   node bench/secrets/quality.mjs     # table on stdout
//   node bench/secrets/quality.mjs --json
//
// Options: --json (machine-readable result), --corpus <dir> (another labelled corpus), --list <n> (how many
// false positives / negatives to print in the table, default all).
//
// It runs `rampart scan <corpus> --scanners secrets --format json --fail-on none --progress never` with an
// empty config file, then compares findings with labels.json, line by line:
//   TP  a labelled positive line with at least one finding (whatever the rule: matching is per line);
//   FN  a labelled positive line without a finding;
//   FP  any other line with at least one finding: a labelled negative or an unlabelled (filler) line.
// Several findings on one line count once. Exit 0 unless the scan itself fails (2).
//
// The peer: secretlint 13 with its recommended preset (the peer of issue 3's speed goal, installed under
// bench/.peers by throughput.mjs) is scored on the same corpus with the same line matching, when it is
// installed there; --no-peer skips it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const asJson = args.includes('--json');
const corpus = resolve(opt('corpus', join(here, 'corpus')));
const listLimit = Number(opt('list', 'Infinity'));
const cli = join(repo, 'packages', 'cli', 'bin', 'rampart.js');

function fail(message) {
  process.stderr.write(`quality: ${message}\n`);
  process.exit(2);
}

const labels = JSON.parse(readFileSync(join(corpus, 'labels.json'), 'utf8'));

// --- scan ---------------------------------------------------------------------------------------------------
// An empty config file, so no rampart.yml (excludes, allowlists, custom rules) influences the measurement.
const tmp = mkdtempSync(join(tmpdir(), 'rampart-quality-'));
const config = join(tmp, 'rampart.yml');
writeFileSync(config, '');
const argv = [
  cli,
  'scan',
  relative(repo, corpus) || '.',
  '--scanners',
  'secrets',
  '--format',
  'json',
  '--fail-on',
  'none',
  '--progress',
  'never',
  '--config',
  config,
];
const started = process.hrtime.bigint();
const run = spawnSync(process.execPath, argv, { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 30 });
const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
rmSync(tmp, { recursive: true, force: true });
if (run.error) fail(`could not run the CLI: ${run.error.message}`);
if (run.status !== 0) fail(`scan exited ${run.status}\n${run.stderr}`);
let result;
try {
  result = JSON.parse(run.stdout);
} catch {
  fail(
    `scan output is not JSON (did you run \`npm run build\`?)\n${run.stderr}\n${run.stdout.slice(0, 500)}`,
  );
}

// --- compare ------------------------------------------------------------------------------------------------
const rel = (p) => (isAbsolute(p) ? relative(corpus, p) : p).split('\\').join('/').replace(/^\.\//, '');
const key = (path, line) => `${path}:${line}`;
const positives = new Map(labels.positives.map((p) => [key(p.path, p.line), p]));
const negatives = new Map(labels.negatives.map((n) => [key(n.path, n.line), n]));

/** line key -> rule ids reported on it */
const reported = new Map();
for (const f of result.findings ?? []) {
  const k = key(rel(f.location.path), f.location.startLine);
  if (!reported.has(k)) reported.set(k, new Set());
  reported.get(k).add(f.ruleId);
}

/** True and false positives and false negatives of one tool's reported lines. */
function compare(reportedLines) {
  const tp = [];
  const fn = [];
  const fp = [];
  for (const [k, p] of positives)
    (reportedLines.has(k) ? tp : fn).push({ ...p, rules: [...(reportedLines.get(k) ?? [])] });
  for (const [k, rules] of reportedLines) {
    if (positives.has(k)) continue;
    const [path, line] = [k.slice(0, k.lastIndexOf(':')), Number(k.slice(k.lastIndexOf(':') + 1))];
    fp.push({ path, line, kind: negatives.get(k)?.kind ?? '(unlabelled)', rules: [...rules] });
  }
  const byLoc = (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line);
  return { tp: tp.sort(byLoc), fn: fn.sort(byLoc), fp: fp.sort(byLoc) };
}
const { tp, fn, fp } = compare(reported);

const ratio = (a, b) => (b === 0 ? null : a / b);
const f1 = (p, r) => (p === null || r === null || p + r === 0 ? null : (2 * p * r) / (p + r));
function scores(TP, FP, FN) {
  const precision = ratio(TP, TP + FP);
  const recall = ratio(TP, TP + FN);
  return { tp: TP, fp: FP, fn: FN, precision, recall, f1: f1(precision, recall) };
}

// Per-rule counts; each rule is attributed to the family it most often reports correctly (data-driven, no
// knowledge of the rule files), so a family's precision counts the false positives of "its" rules.
const ruleStats = new Map();
const rs = (id) => {
  if (!ruleStats.has(id)) ruleStats.set(id, { rule: id, tp: 0, fp: 0, families: {} });
  return ruleStats.get(id);
};
for (const t of tp)
  for (const r of t.rules) {
    const s = rs(r);
    s.tp++;
    s.families[t.family] = (s.families[t.family] ?? 0) + 1;
  }
for (const f of fp) for (const r of f.rules) rs(r).fp++;
for (const s of ruleStats.values()) {
  const best = Object.entries(s.families).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  s.family = best ? best[0] : null;
}

const families = new Map();
const fam = (name) => {
  if (!families.has(name)) families.set(name, { family: name, samples: 0, TP: 0, FN: 0, FP: 0 });
  return families.get(name);
};
for (const p of labels.positives) fam(p.family).samples++;
for (const t of tp) fam(t.family).TP++;
for (const f of fn) fam(f.family).FN++;
let unattributedFp = 0;
for (const f of fp) {
  // A false-positive line counts once, for the family of its first attributed rule.
  const owner = f.rules.map((r) => ruleStats.get(r).family).find((x) => x !== null);
  if (owner) fam(owner).FP++;
  else unattributedFp++;
}
const familyRows = [...families.values()]
  .map((f) => ({ family: f.family, samples: f.samples, ...scores(f.TP, f.FP, f.FN) }))
  .sort((a, b) => (a.family < b.family ? -1 : 1));

const kinds = new Map();
for (const n of labels.negatives) {
  if (!kinds.has(n.kind)) kinds.set(n.kind, { kind: n.kind, samples: 0, reported: 0 });
  kinds.get(n.kind).samples++;
}
for (const f of fp) if (kinds.has(f.kind)) kinds.get(f.kind).reported++;
const kindRows = [...kinds.values()].sort((a, b) => (a.kind < b.kind ? -1 : 1));

const overall = scores(tp.length, fp.length, fn.length);

// --- the peer -----------------------------------------------------------------------------------------------
const peers = join(repo, 'bench', '.peers');
const peerNode = join(peers, 'node_modules', '.bin', 'node');
const peerCli = join(peers, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
let peer = null;
if (args.includes('--no-peer')) peer = { skipped: '--no-peer' };
else if (!existsSync(peerNode) || !existsSync(peerCli))
  peer = { skipped: 'not installed in bench/.peers (node bench/secrets/throughput.mjs installs it)' };
else {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-quality-peer-'));
  const rc = join(dir, 'secretlintrc.json');
  writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  const peerStarted = process.hrtime.bigint();
  const out = spawnSync(peerNode, [peerCli, '**/*', '--format', 'json', '--no-color', '--secretlintrc', rc], {
    cwd: corpus,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NODE_PATH: join(peers, 'node_modules') },
  });
  rmSync(dir, { recursive: true, force: true });
  let files;
  try {
    files = JSON.parse(out.stdout);
  } catch {
    fail(`secretlint output is not JSON (exit ${out.status})\n${out.stderr}`);
  }
  const peerReported = new Map();
  let messages = 0;
  for (const file of files)
    for (const m of file.messages ?? []) {
      messages++;
      const k = key(rel(file.filePath), m.loc?.start?.line ?? 0);
      if (!peerReported.has(k)) peerReported.set(k, new Set());
      peerReported.get(k).add(m.ruleId);
    }
  const found = compare(peerReported);
  const recallOf = new Map();
  for (const t of found.tp) recallOf.set(t.family, (recallOf.get(t.family) ?? 0) + 1);
  peer = {
    name: 'secretlint 13 + preset-recommend',
    version: JSON.parse(readFileSync(join(peers, 'node_modules', 'secretlint', 'package.json'), 'utf8'))
      .version,
    findings: messages,
    durationMs: Math.round(Number(process.hrtime.bigint() - peerStarted) / 1e6),
    ...scores(found.tp.length, found.fp.length, found.fn.length),
    truePositivesByFamily: Object.fromEntries([...recallOf].sort((a, b) => (a[0] < b[0] ? -1 : 1))),
    falsePositives: found.fp,
  };
}
const summary = {
  positives: labels.positives.length,
  negatives: labels.negatives.length,
  families: families.size,
  ...overall,
  fpOnNegatives: fp.filter((f) => f.kind !== '(unlabelled)').length,
  fpOnUnlabelled: fp.filter((f) => f.kind === '(unlabelled)').length,
  fpUnattributed: unattributedFp,
  findings: (result.findings ?? []).length,
  goal: { precision: 0.95, recall: 0.95, met: overall.precision >= 0.95 && overall.recall >= 0.95 },
  betterRecallThanPeer: peer?.recall === undefined ? null : overall.recall > peer.recall,
};
const scan = {
  command: `node ${argv.map((a) => (a === config ? '<empty-config>' : a === cli ? relative(repo, cli) : a)).join(' ')}`,
  durationMs: Math.round(durationMs),
  rulesLoaded: (result.scanners ?? []).find((s) => s.id === 'secrets')?.rules ?? null,
  stats: result.stats,
  diagnostics: result.diagnostics ?? [],
};

if (asJson) {
  const out = {
    summary,
    scan,
    families: familyRows,
    negativeKinds: kindRows,
    rules: [...ruleStats.values()]
      .map((r) => ({
        rule: r.rule,
        family: r.family,
        tp: r.tp,
        fp: r.fp,
        precision: ratio(r.tp, r.tp + r.fp),
      }))
      .sort((a, b) => (a.rule < b.rule ? -1 : 1)),
    falsePositives: fp,
    falseNegatives: fn.map(({ path, line, family }) => ({ path, line, family })),
    peer,
  };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  process.exit(0);
}

// --- table --------------------------------------------------------------------------------------------------
const pct = (x) => (x === null ? '   -  ' : (x * 100).toFixed(1).padStart(5) + '%');
function table(headers, rows, align) {
  const w = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells.map((c, i) => (align[i] === 'r' ? String(c).padStart(w[i]) : String(c).padEnd(w[i]))).join('  ');
  return [line(headers), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}
const out = [];
out.push(
  `Secrets scanner quality on ${relative(repo, corpus)} (${summary.positives} positives in ${summary.families} families, ${summary.negatives} labelled negatives)`,
);
out.push(
  `scan: ${scan.rulesLoaded ?? '?'} rules, ${scan.stats?.filesScanned ?? '?'} files, ${summary.findings} findings, ${(scan.durationMs / 1000).toFixed(2)} s`,
);
if (scan.diagnostics.length)
  out.push(
    `diagnostics: ${scan.diagnostics.map((d) => `${d.level} ${d.path ?? ''} ${d.message}`).join('; ')}`,
  );
out.push('');
out.push(
  table(
    ['', 'TP', 'FP', 'FN', 'precision', 'recall', 'F1'],
    [
      [
        'overall',
        overall.tp,
        overall.fp,
        overall.fn,
        pct(overall.precision),
        pct(overall.recall),
        pct(overall.f1),
      ],
      ...(peer?.skipped
        ? []
        : [
            [
              `${peer.name} (${peer.version})`,
              peer.tp,
              peer.fp,
              peer.fn,
              pct(peer.precision),
              pct(peer.recall),
              pct(peer.f1),
            ],
          ]),
    ],
    ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
  ),
);
if (peer?.skipped) out.push(`(secretlint not scored: ${peer.skipped})`);
out.push(
  `false positives: ${summary.fpOnNegatives} on labelled negatives, ${summary.fpOnUnlabelled} on unlabelled lines; goal precision and recall >= 95%: ${summary.goal.met ? 'met' : 'not met'}`,
);
out.push('');
out.push('Per family (FP = false-positive lines of the rules that mostly report this family):');
out.push(
  table(
    ['family', 'n', 'TP', 'FN', 'FP', 'precision', 'recall', 'F1', ...(peer?.skipped ? [] : ['secretlint'])],
    familyRows.map((f) => [
      f.family,
      f.samples,
      f.tp,
      f.fn,
      f.fp,
      pct(f.precision),
      pct(f.recall),
      pct(f.f1),
      ...(peer?.skipped ? [] : [pct(ratio(peer.truePositivesByFamily[f.family] ?? 0, f.samples))]),
    ]),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  ),
);
if (unattributedFp)
  out.push(`(${unattributedFp} false-positive lines come from rules with no true positive in the corpus)`);
out.push('');
out.push('Per negative kind (labelled look-alikes reported):');
out.push(
  table(
    ['kind', 'n', 'reported'],
    kindRows.map((k) => [k.kind, k.samples, k.reported]),
    ['l', 'r', 'r'],
  ),
);
out.push('');
const cap = (list) => (list.length > listLimit ? [...list.slice(0, listLimit), null] : list);
out.push(`False positives (${fp.length}):`);
for (const f of cap(fp))
  out.push(
    f ? `  ${f.path}:${f.line}  ${f.rules.join(', ')}  [${f.kind}]` : `  ... ${fp.length - listLimit} more`,
  );
out.push('');
out.push(`False negatives (${fn.length}):`);
for (const f of cap(fn))
  out.push(f ? `  ${f.path}:${f.line}  ${f.family}` : `  ... ${fn.length - listLimit} more`);
process.stdout.write(out.join('\n') + '\n');
