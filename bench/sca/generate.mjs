// Generates the SCA benchmark corpus under bench/.corpus/sca (git-ignored):
//   project/package-lock.json   50,000 packages (lockfile v3, with edges, dev flags, nested copies)
//   project/pnpm-lock.yaml      the same 50,000 packages as a pnpm v9 lockfile
//   advisories.jsonl            ~200,000 OSV records for npm (synthetic, schema-valid), plus the real
//                               npm records of ../shared/data/advisories when that folder exists
// Deterministic: a seeded PRNG, so every run builds the same files.
//
//   node bench/sca/generate.mjs [--packages 50000] [--advisories 200000]
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const PACKAGES = arg('packages', 50_000);
const ADVISORIES = arg('advisories', 200_000);
const out = join(here, '..', '.corpus', 'sca');
mkdirSync(join(out, 'project'), { recursive: true });

let seed = 0x2545f491;
const random = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x100000000;
};
const pick = (n) => Math.floor(random() * n);

// Package names: 1 in 5 scoped, as on the registry.
const nameOf = (i) => (i % 5 === 0 ? `@scope-${i % 397}/pkg-${i}` : `pkg-${i}`);
const versionOf = (i) => `${1 + (i % 4)}.${i % 23}.${i % 11}`;
const packages = Array.from({ length: PACKAGES }, (_, i) => ({
  name: nameOf(i),
  version: versionOf(i),
  dev: i % 3 === 0,
  deps: [],
}));
// Edges point to later packages only (a DAG, like most real trees), 0-6 each.
for (let i = 0; i < PACKAGES; i++) {
  const count = pick(7);
  for (let k = 0; k < count; k++) {
    const j = i + 1 + pick(Math.min(2000, PACKAGES - i - 1) || 1);
    if (j < PACKAGES && !packages[i].deps.includes(j)) packages[i].deps.push(j);
  }
}
const DIRECT = 1000;
const integrity = (i) => `sha512-${Buffer.from(`pkg${i}`.padEnd(48, '#')).toString('base64')}`;

// package-lock.json v3
const lockPackages = {
  '': {
    name: 'bench-project',
    version: '1.0.0',
    dependencies: Object.fromEntries(
      packages
        .slice(0, DIRECT)
        .filter((p) => !p.dev)
        .map((p) => [p.name, `^${p.version}`]),
    ),
    devDependencies: Object.fromEntries(
      packages
        .slice(0, DIRECT)
        .filter((p) => p.dev)
        .map((p) => [p.name, `^${p.version}`]),
    ),
  },
};
packages.forEach((p, i) => {
  lockPackages[`node_modules/${p.name}`] = {
    version: p.version,
    resolved: `https://registry.npm.example/${p.name}/-/${p.name.split('/').pop()}-${p.version}.tgz`,
    integrity: integrity(i),
    ...(p.dev ? { dev: true } : {}),
    ...(p.deps.length
      ? { dependencies: Object.fromEntries(p.deps.map((j) => [packages[j].name, `^${packages[j].version}`])) }
      : {}),
  };
});
writeFileSync(
  join(out, 'project', 'package-lock.json'),
  JSON.stringify(
    { name: 'bench-project', version: '1.0.0', lockfileVersion: 3, requires: true, packages: lockPackages },
    null,
    2,
  ),
);

// pnpm-lock.yaml v9 (written by hand: one line per key keeps it fast and exact)
const q = (s) => (/^[a-z0-9-]+$/.test(s) ? s : `'${s}'`);
const lines = ["lockfileVersion: '9.0'", '', 'importers:', '', '  .:', '    dependencies:'];
for (const p of packages.slice(0, DIRECT).filter((p) => !p.dev))
  lines.push(`      ${q(p.name)}:`, `        specifier: ^${p.version}`, `        version: ${p.version}`);
lines.push('    devDependencies:');
for (const p of packages.slice(0, DIRECT).filter((p) => p.dev))
  lines.push(`      ${q(p.name)}:`, `        specifier: ^${p.version}`, `        version: ${p.version}`);
lines.push('', 'packages:', '');
packages.forEach((p, i) =>
  lines.push(`  ${q(`${p.name}@${p.version}`)}:`, `    resolution: {integrity: ${integrity(i)}}`, ''),
);
lines.push('snapshots:', '');
for (const p of packages) {
  lines.push(`  ${q(`${p.name}@${p.version}`)}:${p.deps.length ? '' : ' {}'}`);
  if (p.deps.length) {
    lines.push('    dependencies:');
    for (const j of p.deps) lines.push(`      ${q(packages[j].name)}: ${packages[j].version}`);
  }
  lines.push('');
}
mkdirSync(join(out, 'pnpm'), { recursive: true });
writeFileSync(join(out, 'pnpm', 'pnpm-lock.yaml'), lines.join('\n'));

// Advisories: half name packages of the lockfile, half other names; ranges around the installed versions.
const stream = createWriteStream(join(out, 'advisories.jsonl'));
let written = 0;
const shared = join(here, '..', '..', '..', 'shared', 'data', 'advisories', 'npm.jsonl.gz');
if (existsSync(shared)) {
  for (const line of gunzipSync(readFileSync(shared)).toString('utf8').split('\n')) {
    if (!line) continue;
    stream.write(line + '\n');
    written++;
  }
}
for (let n = 0; written < ADVISORIES; n++, written++) {
  const target = n % 2 === 0 ? pick(PACKAGES) : PACKAGES + pick(PACKAGES * 2);
  const name = nameOf(target);
  const major = 1 + pick(4);
  const fixedMinor = pick(23);
  const record = {
    schema_version: '1.7.0',
    id: `GHSA-${(n % 0x10000).toString(36).padStart(4, 'x')}-${(n >> 4).toString(36).padStart(4, 'y').slice(-4)}-${n.toString(36).padStart(4, 'z').slice(-4)}`,
    modified: '2026-01-01T00:00:00Z',
    published: '2025-01-01T00:00:00Z',
    aliases: [`CVE-2025-${String(10000 + n)}`],
    summary: `Synthetic advisory ${n} for ${name}`,
    details: 'Generated for the benchmark; not a real vulnerability.',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N' }],
    affected: [
      {
        package: { ecosystem: 'npm', name },
        ranges: [
          { type: 'SEMVER', events: [{ introduced: `${major}.0.0` }, { fixed: `${major}.${fixedMinor}.0` }] },
        ],
      },
    ],
    references: [{ type: 'ADVISORY', url: `https://example.com/advisories/${n}` }],
    database_specific: { severity: 'HIGH', synthetic: true },
  };
  stream.write(JSON.stringify(record) + '\n');
}
stream.end(() => {
  console.log(
    `wrote ${out}: ${PACKAGES} packages (package-lock.json, pnpm-lock.yaml), ${written} advisories`,
  );
});
