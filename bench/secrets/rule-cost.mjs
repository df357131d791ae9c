#!/usr/bin/env node
// Per-rule regex cost: each secrets rule's pattern run over the same real text (files of the
// bench/.corpus/secrets-tree made by throughput.mjs), ignoring the keyword prefilter, i.e. the worst case
// of a file full of the rule's keywords. Lists the slowest rules so their patterns can be tightened.
//
//   node bench/secrets/rule-cost.mjs [--mb 20] [--top 15]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const args = process.argv.slice(2);
const opt = (name, fallback) =>
  args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : fallback;
const budget = opt('mb', 20) * 1e6;
const top = opt('top', 15);
const { RULES } = await import(join(repo, 'packages/scanners/secrets/dist/rules/index.js'));

const tree = join(repo, 'bench', '.corpus', 'secrets-tree');
const parts = [];
let size = 0;
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (size >= budget) return;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile() && /\.(js|ts|json|md|yml|yaml|mjs|cjs)$/.test(e.name) && statSync(p).size < 2e6) {
      const text = readFileSync(p, 'utf8');
      parts.push(text);
      size += text.length;
    }
  }
};
walk(tree);
const text = parts.join('\n');
console.log(
  `${RULES.length} rules over ${(text.length / 1e6).toFixed(1)} M characters of real code (no prefilter)\n`,
);
const results = RULES.map((rule) => {
  const re = new RegExp(rule.pattern.source, `${rule.pattern.flags}dg`);
  const started = performance.now();
  let matches = 0;
  for (const _ of text.matchAll(re)) matches++;
  const ms = performance.now() - started;
  return { id: rule.id, ms, mbps: text.length / 1e6 / (ms / 1000), matches };
}).sort((a, b) => b.ms - a.ms);
const total = results.reduce((n, r) => n + r.ms, 0);
for (const r of results.slice(0, top)) {
  console.log(
    `${r.id.padEnd(48)} ${r.ms.toFixed(0).padStart(6)} ms ${r.mbps.toFixed(0).padStart(6)} MB/s ${String(r.matches).padStart(6)} raw matches`,
  );
}
console.log(
  `\nall rules: ${total.toFixed(0)} ms (${(text.length / 1e6 / (total / 1000)).toFixed(1)} MB/s if every rule ran on every byte)`,
);
