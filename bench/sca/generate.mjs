// Generates the SCA benchmark corpus under bench/.corpus/sca (git-ignored):
//   project/package-lock.json   50,000 packages (lockfile v3, with edges, dev flags, nested copies)
//   pnpm/pnpm-lock.yaml         the same 50,000 packages as a pnpm v9 lockfile
//   advisories.jsonl            stress case: ~200,000 OSV records for npm (synthetic, schema-valid), plus
//                               the real npm records of ../shared/data/advisories when that folder
//                               exists; half name lockfile packages (~12k findings)
//   advisories-realistic.jsonl  realistic case, the shape of the real npm OSV data set: ~20,000
//                               GHSA-type records over ~10,000 package names, 5% of which the lockfile
//                               installs, and 180,000 MAL- (malicious package) records on names it does
//                               not install (a few hundred findings)
// Deterministic: seeded PRNGs, so every run builds the same files (the realistic case has its own PRNG,
// so the stress files are the same with or without it).
//
//   node bench/sca/generate.mjs [--packages 50000] [--advisories 200000] [--malicious 180000]
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
const MALICIOUS = arg('malicious', Math.round(ADVISORIES * 0.9));
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
const realRecords = existsSync(shared)
  ? gunzipSync(readFileSync(shared))
      .toString('utf8')
      .split('\n')
      .filter((line) => line !== '')
  : [];
for (const line of realRecords) {
  stream.write(line + '\n');
  written++;
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
const stressDone = new Promise((resolve) => stream.end(resolve));

// Realistic case. The real npm OSV set (2025): ~20k GHSA records naming ~10k packages, most of them
// fixed long ago, and ~180k MAL- records for malicious packages (typosquats, dependency confusion)
// that a lockfile of a real project almost never installs. Modelled as: GHSA-type records spread over
// GHSA_NAMES names, 5% of which are lockfile packages; each range is `introduced 0, fixed X`, with X
// above the installed version (vulnerable) for about one record in three, at or below it otherwise;
// MAL- records on names the lockfile does not have.
let realSeed = 0x5bd1e995;
const realRandom = () => {
  realSeed ^= realSeed << 13;
  realSeed ^= realSeed >>> 17;
  realSeed ^= realSeed << 5;
  return (realSeed >>> 0) / 0x100000000;
};
const realPick = (n) => Math.floor(realRandom() * n);
const GHSA = Math.max(0, ADVISORIES - MALICIOUS - realRecords.length);
const GHSA_NAMES = Math.max(1, Math.round((GHSA + realRecords.length) / 2));
const present = new Set();
while (present.size < Math.min(PACKAGES, Math.round(GHSA_NAMES * 0.05))) present.add(realPick(PACKAGES));
const ghsaNames = [
  ...[...present].map((i) => ({ name: nameOf(i), installed: i })),
  ...Array.from({ length: GHSA_NAMES - present.size }, (_, k) => ({
    name: k % 4 === 0 ? `@vendor-${k % 211}/lib-${k}` : `lib-${k}`,
    installed: undefined,
  })),
];
const b32 = '23456789cfghjmpqrvwx';
const ghsaId = (n) => {
  // An odd multiplier is a bijection on 32-bit integers: distinct, scattered ids in GHSA's alphabet.
  let x = Math.imul(n + 1, 0x9e3779b1) >>> 0;
  let s = '';
  for (let i = 0; i < 12; i++) {
    s += b32[x % b32.length];
    x = Math.floor(x / b32.length);
  }
  return `GHSA-${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}`;
};
const SEVERITIES = ['LOW', 'MODERATE', 'HIGH', 'CRITICAL'];
const VECTORS = [
  'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
];
const realistic = createWriteStream(join(out, 'advisories-realistic.jsonl'));
let realWritten = 0;
let expectedHits = 0;
for (const line of realRecords) {
  realistic.write(line + '\n');
  realWritten++;
}
for (let n = 0; n < GHSA; n++) {
  // Every name gets a record, then the rest go to random names (some packages have many advisories).
  const target = n < ghsaNames.length ? ghsaNames[n] : ghsaNames[realPick(ghsaNames.length)];
  const { name } = target;
  let fixed;
  if (target.installed !== undefined) {
    const [major, minor] = versionOf(target.installed).split('.').map(Number);
    const vulnerable = realPick(3) === 0;
    if (vulnerable) expectedHits++;
    fixed = vulnerable
      ? `${major}.${minor + 1 + realPick(3)}.0`
      : `${Math.max(1, major - realPick(2))}.${realPick(minor + 1)}.0`;
  } else {
    fixed = `${1 + realPick(5)}.${realPick(20)}.${realPick(10)}`;
  }
  const severity = realPick(4);
  const record = {
    schema_version: '1.6.0',
    id: ghsaId(n),
    modified: '2025-06-01T00:00:00Z',
    published: '2024-03-01T00:00:00Z',
    aliases: [`CVE-2024-${String(20000 + n)}`],
    summary: `Synthetic realistic advisory ${n} in ${name}`,
    details:
      `${name} before ${fixed} mishandles untrusted input. Generated for the benchmark; not a real vulnerability. `.repeat(
        3,
      ),
    severity: [{ type: 'CVSS_V3', score: VECTORS[severity] }],
    affected: [
      {
        package: { ecosystem: 'npm', name, purl: `pkg:npm/${name.replace('@', '%40')}` },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed }] }],
        database_specific: {
          source: `https://github.com/github/advisory-database/blob/main/advisories/${n}.json`,
        },
      },
    ],
    references: [
      { type: 'ADVISORY', url: `https://nvd.nist.gov/vuln/detail/CVE-2024-${String(20000 + n)}` },
      { type: 'WEB', url: `https://github.com/example/${n}/commit/${(n * 40503).toString(16)}` },
      { type: 'PACKAGE', url: `https://github.com/example/${n}` },
    ],
    database_specific: {
      cwe_ids: ['CWE-400'],
      severity: SEVERITIES[severity],
      github_reviewed: true,
      github_reviewed_at: '2024-03-02T00:00:00Z',
      nvd_published_at: null,
    },
  };
  realistic.write(JSON.stringify(record) + '\n');
  realWritten++;
}
for (let n = 0; n < MALICIOUS; n++) {
  // Names no lockfile package has: typosquats and dependency-confusion names.
  const name = n % 6 === 0 ? `@internal-${n % 509}/tool-${n}` : `evil-pkg-${n}`;
  const record = {
    schema_version: '1.5.0',
    id: `MAL-${2022 + (n % 4)}-${n}`,
    modified: '2025-01-01T00:00:00Z',
    published: '2024-01-01T00:00:00Z',
    summary: `Malicious code in ${name} (npm)`,
    details: `\n---\n_-= Per source details. Do not edit below this line.=-_\n\n## Source: ghsa-malware (GHSA-mal-${n})\nAny computer that has this package installed or running should be considered fully compromised. All secrets and keys stored on that computer should be rotated immediately from a different computer.\n`,
    affected: [
      {
        package: { ecosystem: 'npm', name },
        ...(n % 3 === 0
          ? { versions: [`1.0.${n % 7}`, `1.0.${(n % 7) + 1}`] }
          : { ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] }),
        database_specific: {
          'malicious-packages-origins': [
            {
              source: 'ghsa-malware',
              sha256: (n * 2246822519).toString(16).padStart(64, '0').slice(-64),
              import_time: '2024-01-02T00:00:00Z',
              modified_time: '2024-01-01T00:00:00Z',
            },
          ],
        },
      },
    ],
    references: [{ type: 'WEB', url: `https://socket.example/npm/package/${name}` }],
    database_specific: { 'malicious-packages-origins': [{ source: 'ghsa-malware', id: `GHSA-mal-${n}` }] },
  };
  realistic.write(JSON.stringify(record) + '\n');
  realWritten++;
}
const realisticDone = new Promise((resolve) => realistic.end(resolve));

await Promise.all([stressDone, realisticDone]);
console.log(
  `wrote ${out}: ${PACKAGES} packages (package-lock.json, pnpm-lock.yaml); stress: ${written} advisories; ` +
    `realistic: ${realWritten} advisories (${GHSA + realRecords.length} GHSA-type over ${GHSA_NAMES} names, ` +
    `${present.size} of them installed; ${MALICIOUS} MAL-), ~${expectedHits} vulnerable-range records on installed packages`,
);
