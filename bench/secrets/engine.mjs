#!/usr/bin/env node
// The secrets engine alone (prefilter + rules, no file system, one thread) over the texts of a tree, in
// memory. With --against <checkout>, the engine of another built checkout runs in the same process,
// alternating pass by pass with this one, so that a change in the host's load hits both.
//
//   node bench/secrets/engine.mjs [--tree bench/.corpus/npm-tree] [--passes 6] [--against /path/to/checkout]
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const tree = resolve(opt('tree', join(repo, 'bench', '.corpus', 'npm-tree')));
const passes = Number(opt('passes', 6));
const against = opt('against', undefined);

async function engineOf(checkout) {
  const dist = join(checkout, 'packages', 'scanners', 'secrets', 'dist');
  const { RULES } = await import(join(dist, 'rules', 'index.js'));
  const { SecretEngine } = await import(join(dist, 'engine.js'));
  return new SecretEngine(RULES);
}

// Text files as the scan would see them: no NUL bytes, no minified files (lines of 1,000+ characters).
const texts = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile()) {
      const bytes = readFileSync(p);
      if (bytes.includes(0) || bytes.length > 3e6) continue;
      const text = bytes.toString('utf8');
      if (text.length / text.split('\n').length > 1000) continue;
      texts.push([p.slice(tree.length + 1), text]);
    }
  }
};
walk(tree);
const units = texts.reduce((sum, [, t]) => sum + t.length, 0);
console.log(`${texts.length} texts, ${(units / 1e6).toFixed(0)} M characters, from ${tree}`);

const engines = [['this checkout', await engineOf(repo)]];
if (against) engines.push([against, await engineOf(resolve(against))]);
const times = engines.map(() => []);
for (let pass = 0; pass < passes; pass++) {
  engines.forEach(([, engine], k) => {
    const started = performance.now();
    for (const [path, text] of texts) engine.scan(text, () => undefined, { path });
    times[k].push(performance.now() - started);
  });
}
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
engines.forEach(([name], k) =>
  console.log(
    `${name}: median ${median(times[k]).toFixed(0)} ms (${times[k].map((t) => t.toFixed(0)).join(', ')}), ${(units / 1e3 / median(times[k])).toFixed(0)} M characters/s`,
  ),
);
