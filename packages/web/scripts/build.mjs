#!/usr/bin/env node
// Build the dashboard into dist/: one bundled, minified script and stylesheet with content-hashed names
// (served as immutable), the scanners' rule documentation as a hashed JSON asset, and index.html that
// names them. No inline script or style: the server's Content-Security-Policy allows neither.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const assets = join(dist, 'assets');
rmSync(dist, { recursive: true, force: true });
mkdirSync(assets, { recursive: true });

const result = await build({
  entryPoints: [join(root, 'src', 'main.tsx')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  outdir: assets,
  entryNames: 'app-[hash]',
  assetNames: '[name]-[hash]',
  metafile: true,
  legalComments: 'none',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs).map((file) => file.slice(file.lastIndexOf('/') + 1));
const script = outputs.find((f) => f.endsWith('.js'));
const style = outputs.find((f) => f.endsWith('.css'));
if (script === undefined || style === undefined)
  throw new Error(`unexpected build outputs: ${outputs.join(', ')}`);

// Rule documentation from every scanner the CLI ships (their built packages), sorted by id.
const SCANNERS = [
  '@rampart/scanner-secrets',
  '@rampart/scanner-sca',
  '@rampart/scanner-sast',
  '@rampart/scanner-iac',
];
const docs = [];
for (const name of SCANNERS) {
  const scanner = (await import(name)).default;
  // A definition may keep its rule docs apart (ScannerDefinition.ruleDocs); its `rules` then have none.
  for (const rule of scanner.ruleDocs ? await scanner.ruleDocs() : (scanner.rules ?? []))
    docs.push({
      id: rule.id,
      title: rule.title,
      description: rule.description,
      help: rule.help,
      references: rule.references ?? [],
      cwe: rule.cwe ?? [],
    });
}
docs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const rulesJson = JSON.stringify(docs);
const rulesName = `rules-${createHash('sha256').update(rulesJson).digest('hex').slice(0, 12)}.json`;
writeFileSync(join(assets, rulesName), rulesJson);

const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M16 2 4 7v8c0 7.5 5 13 12 15 7-2 12-7.5 12-15V7z" fill="#0a58ca"/></svg>';
const iconName = `icon-${createHash('sha256').update(icon).digest('hex').slice(0, 12)}.svg`;
writeFileSync(join(assets, iconName), icon);

const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="rampart-rules" content="/assets/${rulesName}">
<title>Rampart</title>
<link rel="icon" href="/assets/${iconName}" type="image/svg+xml">
<link rel="stylesheet" href="/assets/${style}">
<script type="module" src="/assets/${script}"></script>
</head>
<body>
<div id="app"></div>
<noscript>The Rampart dashboard needs JavaScript. The API is at /api/openapi.json.</noscript>
</body>
</html>
`;
writeFileSync(join(dist, 'index.html'), html);
const files = readdirSync(assets).sort();
console.log(
  `web: built dist/index.html and ${files.length} assets (${files.join(', ')}); ${docs.length} rule docs`,
);
