#!/usr/bin/env node
// Writes the labelled secrets corpus under bench/secrets/corpus/ (the committed corpus is this script's output).
//
//   node bench/secrets/make-corpus.mjs
//
// Deterministic: one fixed-seed PRNG (mulberry32) drives every value and every layout choice, so running it
// again reproduces the corpus byte for byte. Plain Node, no dependencies.
//
// Every value is synthetic and random, written for this project: nothing is copied from another tool's test
// suite. Positives use the providers' published token shapes (prefixes, lengths, alphabets, checksums) with
// random bodies; negatives are the look-alikes found in real repositories (placeholders, hashes, ids, public
// keys, encrypted values, test-mode keys, names, labels...).
//
// Each sample occupies exactly one line (multi-line values such as PEM blocks are labelled on their BEGIN line)
// and the label is recorded as the line is written, so labels.json is exact by construction.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const OUT = join(here, 'corpus');
const SEED = 0x5ec7e75;

// ---------------------------------------------------------------------------------------------------------
// Randomness and encodings
// ---------------------------------------------------------------------------------------------------------

function mulberry32(a) {
  return function () {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(SEED);
const int = (n) => Math.floor(rnd() * n);
const between = (lo, hi) => lo + int(hi - lo + 1);
const pick = (arr) => arr[int(arr.length)];
const chance = (p) => rnd() < p;

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const B62 = DIGITS + UPPER + LOWER; // base62 digit order used by the token checksums: 0-9, A-Z, a-z
const HEX = '0123456789abcdef';
const HEXU = '0123456789ABCDEF';
const B64 = UPPER + LOWER + DIGITS + '+/';
const B64URL = UPPER + LOWER + DIGITS + '-_';
const B32 = UPPER + '234567';
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

function str(n, alphabet) {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[int(alphabet.length)];
  return s;
}
function bytes(n) {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = int(256);
  return b;
}
const b64bytes = (n) => bytes(n).toString('base64');
const b64urlBytes = (n) => bytes(n).toString('base64url');
const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
const b64url = (s) => Buffer.from(s, 'utf8').toString('base64url');
const hex = (n) => str(n, HEX);
const digits = (n) => String(between(1, 9)) + str(n - 1, DIGITS);

function uuid() {
  const h = hex(32).split('');
  h[12] = '4';
  h[16] = '89ab'[int(4)];
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(s) {
  let c = 0xffffffff;
  for (const b of Buffer.from(s, 'utf8')) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function base62(n, width) {
  let s = '';
  do {
    s = B62[n % 62] + s;
    n = Math.floor(n / 62);
  } while (n > 0);
  return s.padStart(width, '0');
}
/** GitHub classic / npm token: prefix + 30 random base62 + 6-char base62 CRC32 of those 30 characters. */
function checksummed(prefix) {
  const body = str(30, B62);
  return prefix + body + base62(crc32(body), 6);
}

/** A strong human/generated password: no quotes, backslashes, `$` or backticks (so it can sit in any quoting). */
function password(min = 14, max = 24) {
  const sym = '!#%&*+-=?@^_~.,:;';
  const n = between(min, max);
  let s = '';
  for (let i = 0; i < n; i++) s += i % 5 === 3 ? sym[int(sym.length)] : B62[int(62)];
  // shuffle so the symbols are not at fixed positions
  const a = s.split('');
  for (let i = a.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.join('');
}
/** A password that can sit in a URL's userinfo without percent-encoding. */
const urlPassword = (min = 16, max = 28) => str(between(min, max), B62 + '-_.~');

// Wall clock for log lines: starts on a fixed date and only moves forward.
let clock = Date.UTC(2025, 2, 4, 8, 0, 0);
const ts = () => '@@TS@@';
function realTs() {
  clock += between(150, 45_000);
  return new Date(clock).toISOString().replace(/\.\d+Z$/, 'Z');
}

// Names
const snake = (N) => N.toLowerCase();
const camel = (N) => N.toLowerCase().replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const pascal = (N) => camel(N).replace(/^./, (c) => c.toUpperCase());
const dotted = (N) => N.toLowerCase().replace(/_/g, '.');
const kebab = (N) => N.toLowerCase().replace(/_/g, '-');

// Quoting
const dq = (v) => JSON.stringify(v);
const sq = (v) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
function yq(v) {
  return /^[A-Za-z0-9_./+][A-Za-z0-9_./+=~-]*$/.test(v) && !/^(true|false|null|yes|no|on|off|~)$/i.test(v)
    ? v
    : dq(v);
}
const envq = (v) => (/[\s#"'$`\\;&|<>(){}]/.test(v) || v === '' ? dq(v) : v);

// ---------------------------------------------------------------------------------------------------------
// Documents: each knows its path, its language and its lines; labels are recorded as lines are appended.
// ---------------------------------------------------------------------------------------------------------

const labels = { positives: [], negatives: [] };
const docs = new Map();

class Doc {
  constructor(path, lang) {
    this.path = path;
    this.lang = lang;
    this.lines = [];
    const spec = LANGS[lang];
    if (spec?.pro) this.add(spec.pro(path));
  }
  add(lines) {
    for (const l of [].concat(lines)) {
      if (typeof l !== 'string' || l.includes('\n')) throw new Error(`bad line in ${this.path}: ${l}`);
      this.lines.push(l.replaceAll('@@TS@@', () => realTs()));
    }
  }
  /** Append a sample's lines; `marks` are [index into lines, 'pos'|'neg', family-or-kind]. */
  sample(lines, marks) {
    const base = this.lines.length;
    this.add(lines);
    const seen = new Set();
    for (const [at, type, tag] of marks) {
      if (seen.has(at)) throw new Error(`two samples on one line in ${this.path}`);
      seen.add(at);
      const line = base + at + 1;
      if (type === 'pos') labels.positives.push({ path: this.path, line, family: tag });
      else labels.negatives.push({ path: this.path, line, kind: tag });
    }
  }
  text() {
    const spec = LANGS[this.lang];
    const all = [...this.lines, ...(spec?.epi ? spec.epi(this.path) : [])];
    return all.join('\n') + '\n';
  }
}
function doc(path, lang) {
  let d = docs.get(path);
  if (!d) {
    d = new Doc(path, lang);
    docs.set(path, d);
  }
  return d;
}

// ---------------------------------------------------------------------------------------------------------
// Languages: where their files live, how a file starts and ends, harmless filler, and how a NAME = value
// assignment is written. Filler is chosen to be innocuous: any finding on a filler line counts as a false
// positive.
// ---------------------------------------------------------------------------------------------------------

const LANGS = {
  env: {
    paths: [
      'services/billing/.env',
      'services/notifier/.env.production',
      'apps/web/.env.local',
      'deploy/staging.env',
    ],
    pro: () => ['# Runtime configuration', 'NODE_ENV=production', 'PORT=8080'],
    fill: [
      'LOG_LEVEL=info',
      'TZ=UTC',
      'HTTP_TIMEOUT_MS=15000',
      'FEATURE_NEW_CHECKOUT=true',
      '',
      '# upstream services',
      'WORKER_CONCURRENCY=4',
      'CACHE_TTL_SECONDS=300',
    ],
    assign: (N, v) => `${N}=${envq(v)}`,
  },
  py: {
    paths: [
      'services/billing/app/settings.py',
      'services/ml/pipeline/clients.py',
      'scripts/backfill_orders.py',
      'services/notifier/notify/config.py',
    ],
    pro: () => [
      '"""Settings for the service. Values here are read once at import time."""',
      'import logging',
      'import os',
      '',
      'logger = logging.getLogger(__name__)',
      '',
    ],
    fill: [
      'DEBUG = False',
      'TIMEOUT_SECONDS = 30',
      'RETRY_BACKOFF = 1.5',
      '',
      '# Upstream clients',
      'ALLOWED_HOSTS = ["api.internal", "localhost"]',
      'BATCH_SIZE = 500',
      'USE_TZ = True',
    ],
    assign: (N, v) => (chance(0.7) ? `${N} = ${dq(v)}` : `${snake(N)} = ${sq(v)}`),
  },
  ts: {
    paths: ['apps/web/src/config.ts', 'services/gateway/src/integrations.ts', 'packages/sdk/src/defaults.ts'],
    pro: () => ["import { z } from 'zod';", '', 'export const region = "eu-west-1";'],
    fill: [
      '',
      'export const requestTimeoutMs = 10_000;',
      "export const apiBase = 'https://api.acme-corp.io/v2';",
      '// keep in sync with the mobile app',
      'export const maxRetries = 3;',
      "export const supportedLocales = ['en', 'de', 'fr'] as const;",
    ],
    assign: (N, v) =>
      chance(0.5) ? `export const ${camel(N)} = ${sq(v)};` : `export const ${N}: string = ${dq(v)};`,
  },
  js: {
    paths: ['apps/admin/server/config.js', 'tools/release/publish-config.js', 'apps/web/next.config.js'],
    pro: () => ["'use strict';", '', 'module.exports = {'],
    epi: () => ['};'],
    fill: [
      '  port: 8080,',
      "  logLevel: 'info',",
      '  trustProxy: true,',
      '  // sessions',
      '  sessionMaxAgeMs: 86400000,',
      "  cdnHost: 'static.acme-corp.io',",
    ],
    assign: (N, v) => `  ${camel(N)}: ${sq(v)},`,
  },
  yaml: {
    paths: [
      'services/billing/config/production.yaml',
      'deploy/helm/values-prod.yaml',
      'services/gateway/config/application.yml',
      'ops/ansible/group_vars/prod.yml',
    ],
    pro: () => ['# Production settings', 'service:', '  name: billing-api', '  replicas: 3'],
    fill: [
      '  timeout_seconds: 30',
      '  log_level: info',
      '  metrics_port: 9102',
      '',
      '  # integrations',
      '  region: eu-west-1',
      '  enable_tracing: true',
    ],
    assign: (N, v) => `  ${snake(N)}: ${yq(v)}`,
  },
  json: {
    paths: [
      'apps/mobile/config/prod.json',
      'services/notifier/config/default.json',
      'services/reports/appsettings.Production.json',
    ],
    pro: () => ['{'],
    epi: () => ['  "schemaVersion": 2', '}'],
    fill: [
      '  "timeoutMs": 3000,',
      '  "retries": 2,',
      '  "region": "eu-west-1",',
      '  "featureFlags": ["new-checkout", "dark-mode"],',
      '  "logLevel": "info",',
    ],
    assign: (N, v) => `  ${dq(camel(N))}: ${dq(v)},`,
  },
  sh: {
    paths: ['scripts/deploy.sh', 'scripts/bootstrap-dev.sh', 'ops/rotate-backup.sh'],
    pro: () => ['#!/usr/bin/env bash', 'set -euo pipefail', 'cd "$(dirname "$0")/.."'],
    fill: [
      'echo "==> building"',
      'npm run build',
      '',
      'mkdir -p /tmp/release',
      'docker compose pull',
      'echo "==> done in ${SECONDS}s"',
      'git fetch --tags',
    ],
    assign: (N, v) => (v.startsWith('$') ? `export ${N}="${v}"` : `export ${N}=${sq(v)}`),
  },
  go: {
    paths: ['services/ingest/internal/config/defaults.go', 'cmd/agent/settings.go'],
    pro: () => ['package config', '', '// Defaults used when no environment override is present.', 'const ('],
    epi: () => [')'],
    fill: [
      '\tdefaultPort = 8080',
      '\tmaxBatch    = 1000',
      '',
      '\t// upstream',
      '\tuserAgent = "acme-ingest/1.4"',
      '\tflushEvery = 5',
    ],
    assign: (N, v) => `\t${camel(N)} = ${dq(v)}`,
  },
  java: {
    paths: ['services/ledger/src/main/java/com/acme/ledger/Config.java'],
    pro: () => ['package com.acme.ledger;', '', 'public final class Config {'],
    epi: () => ['', '    private Config() {}', '}'],
    fill: [
      '    public static final int POOL_SIZE = 16;',
      '',
      '    public static final String REGION = "eu-west-1";',
      '    public static final long TIMEOUT_MS = 15_000L;',
    ],
    assign: (N, v) => `    public static final String ${N} = ${dq(v)};`,
  },
  kt: {
    paths: ['apps/android/app/src/main/java/com/acme/app/ApiKeys.kt'],
    pro: () => ['package com.acme.app', '', 'object ApiKeys {'],
    epi: () => ['}'],
    fill: ['    const val TIMEOUT_MS = 15_000L', '', '    const val BASE_URL = "https://api.acme-corp.io/"'],
    assign: (N, v) => `    const val ${N} = ${dq(v)}`,
  },
  rb: {
    paths: ['apps/storefront/config/initializers/integrations.rb'],
    pro: () => ['# frozen_string_literal: true', '', 'Rails.application.configure do'],
    epi: () => ['end'],
    fill: [
      '  config.x.retry_limit = 3',
      '',
      '  config.x.region = "eu-west-1"',
      '  config.x.cache_ttl = 5.minutes',
    ],
    assign: (N, v) => `  config.x.${snake(N)} = ${sq(v)}`,
  },
  php: {
    paths: ['apps/cms/config/services.php'],
    pro: () => ['<?php', '', 'return ['],
    epi: () => ['];'],
    fill: ["    'timeout' => 30,", '', "    'region' => 'eu-west-1',", "    'debug' => false,"],
    assign: (N, v) => `    ${sq(snake(N))} => ${sq(v)},`,
  },
  cs: {
    paths: ['services/reports/Reports/Settings.cs'],
    pro: () => ['namespace Acme.Reports;', '', 'public static class Settings', '{'],
    epi: () => ['}'],
    fill: ['    public const int PageSize = 50;', '', '    public const string Region = "westeurope";'],
    assign: (N, v) => `    public const string ${pascal(N)} = ${dq(v)};`,
  },
  rs: {
    paths: ['services/edge/src/settings.rs'],
    pro: () => ['//! Built-in settings for the edge service.', ''],
    fill: [
      'pub const MAX_BODY_BYTES: usize = 1 << 20;',
      '',
      'pub const REGION: &str = "eu-west-1";',
      'pub const WORKERS: usize = 4;',
    ],
    assign: (N, v) => `pub const ${N}: &str = ${dq(v)};`,
  },
  tf: {
    paths: ['infra/terraform/variables.tf', 'infra/terraform/prod/main.tf'],
    pro: () => ['terraform {', '  required_version = ">= 1.6"', '}', ''],
    fill: [
      '',
      '# --- networking ---',
      ['resource "aws_s3_bucket" "logs" {', '  bucket = "acme-prod-logs"', '}'],
      ['variable "region" {', '  type    = string', '  default = "eu-west-1"', '}'],
    ],
    assign: (N, v) => ({
      lines: [
        `variable "${snake(N)}" {`,
        '  type      = string',
        `  default   = ${dq(v)}`,
        '  sensitive = true',
        '}',
      ],
      at: 2,
    }),
  },
  toml: {
    paths: ['services/edge/Config.toml', 'tools/ci/settings.toml'],
    pro: () => ['[service]', 'name = "edge"', ''],
    fill: ['timeout_secs = 30', 'workers = 4', '', 'region = "eu-west-1"'],
    assign: (N, v) => `${snake(N)} = ${dq(v)}`,
  },
  ini: {
    paths: ['services/legacy/app.ini', 'ops/backup/backup.cfg'],
    pro: () => ['[default]', 'log_level = info'],
    fill: ['retries = 3', '', 'region = eu-west-1', 'timeout = 30'],
    assign: (N, v) => `${snake(N)} = ${v}`,
  },
  properties: {
    paths: ['services/ledger/src/main/resources/application-prod.properties'],
    pro: () => ['# Production overrides', 'server.port=8443'],
    fill: [
      'spring.jpa.open-in-view=false',
      'management.endpoints.web.exposure.include=health,info',
      '',
      'logging.level.root=INFO',
    ],
    assign: (N, v) => `${dotted(N)}=${v}`,
  },
  docker: {
    paths: ['services/billing/Dockerfile', 'services/ingest/Dockerfile'],
    pro: () => ['FROM node:20-bookworm-slim', 'WORKDIR /app', 'COPY package*.json ./'],
    epi: () => ['EXPOSE 8080', 'CMD ["node", "server.js"]'],
    fill: [
      'RUN npm ci --omit=dev',
      'COPY . .',
      '',
      'ENV NODE_ENV=production',
      'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    ],
    assign: (N, v) => (chance(0.5) ? `ENV ${N}=${envq(v)}` : `ARG ${N}=${envq(v)}`),
  },
  gha: {
    paths: ['.github/workflows/release.yml', '.github/workflows/nightly.yml'],
    pro: () => [
      'name: release',
      'on:',
      '  push:',
      "    tags: ['v*']",
      'jobs:',
      '  publish:',
      '    runs-on: ubuntu-latest',
      '    env:',
    ],
    epi: () => [
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - uses: actions/setup-node@v4',
      '        with:',
      '          node-version: 20',
      '      - run: npm ci && npm run build && npm publish',
    ],
    fill: ['      NODE_ENV: production', "      CI: 'true'", '      FORCE_COLOR: 1'],
    assign: (N, v) => `      ${N}: ${yq(v)}`,
  },
  gitlabci: {
    paths: ['.gitlab-ci.yml'],
    pro: () => ['stages: [build, deploy]', '', 'variables:'],
    epi: () => ['', 'deploy:', '  stage: deploy', '  script:', '    - ./scripts/deploy.sh'],
    fill: ['  DOCKER_DRIVER: overlay2', '  GIT_DEPTH: "10"'],
    assign: (N, v) => `  ${N}: ${yq(v)}`,
  },
  k8s: {
    paths: ['deploy/k8s/app-secrets.yaml', 'deploy/k8s/worker-env.yaml'],
    pro: () => [
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: app-secrets',
      '  namespace: prod',
      'type: Opaque',
      'stringData:',
    ],
    fill: ['  LOG_LEVEL: info', '  REGION: eu-west-1'],
    assign: (N, v) => `  ${N}: ${yq(v)}`,
  },
  compose: {
    paths: ['docker-compose.prod.yml'],
    pro: () => ['services:', '  api:', '    image: ghcr.io/acme-corp/api:2.14.0', '    environment:'],
    epi: () => ['    ports:', '      - "8080:8080"'],
    fill: ['      - NODE_ENV=production', '      - LOG_LEVEL=info'],
    assign: (N, v) => `      - ${N}=${v}`,
  },
  md: {
    paths: ['docs/runbooks/deploy.md', 'docs/integrations.md', 'services/billing/README.md'],
    pro: () => [
      '# Operations notes',
      '',
      'Commands used when setting up a fresh environment.',
      '',
      '```bash',
    ],
    epi: () => ['```'],
    fill: [
      'npm run migrate',
      '# restart the workers afterwards',
      'kubectl rollout restart deploy/worker -n prod',
      '',
    ],
    assign: (N, v) => `export ${N}=${envq(v)}`,
  },
  mdtable: {
    paths: ['docs/environment.md', 'docs/onboarding.md'],
    pro: () => [
      '# Environment variables',
      '',
      'The service reads these at start-up.',
      '',
      '| Variable | Value | Notes |',
      '| --- | --- | --- |',
    ],
    fill: [
      '| `LOG_LEVEL` | `info` | verbosity |',
      '| `PORT` | `8080` | HTTP port |',
      '| `REGION` | `eu-west-1` | primary region |',
    ],
    assign: (N, v) => `| \`${N}\` | \`${v}\` | set per environment |`,
  },
  log: {
    paths: ['logs/gateway-2025-03-04.log', 'logs/worker.log'],
    pro: () => [],
    fill: [
      () => `${ts()} INFO  [http] GET /healthz 200 3ms`,
      () => `${ts()} INFO  [jobs] processed batch size=500`,
      () => `${ts()} WARN  [db] slow query 812ms`,
    ],
    assign: (N, v) => `${ts()} DEBUG [config] loaded ${snake(N)}=${v}`,
  },
  html: {
    paths: ['apps/web/public/index.html', 'apps/admin/templates/login.html'],
    pro: () => [
      '<!doctype html>',
      '<html lang="en">',
      '<head>',
      '  <meta charset="utf-8">',
      '  <title>Acme</title>',
    ],
    epi: () => ['</head>', '<body>', '  <div id="root"></div>', '</body>', '</html>'],
    fill: [
      '  <link rel="icon" href="/favicon.ico">',
      '  <meta name="viewport" content="width=device-width, initial-scale=1">',
    ],
    assign: (N, v) => `  <meta name="${kebab(N)}" content="${v}">`,
  },
  css: {
    paths: ['apps/web/src/styles/app.css'],
    pro: () => [':root {', '  --brand: #1f6feb;', '}'],
    fill: [
      '',
      'body { margin: 0; font-family: system-ui, sans-serif; }',
      '.card { border-radius: 8px; padding: 16px; }',
    ],
  },
  http: {
    paths: ['services/gateway/requests.http'],
    pro: () => ['### Smoke requests against production'],
    fill: [''],
  },
  xml: {
    paths: ['ops/maven/settings.xml'],
    pro: () => ['<?xml version="1.0" encoding="UTF-8"?>', '<settings>', '  <servers>'],
    epi: () => ['  </servers>', '</settings>'],
    fill: ['    <!-- release repository -->'],
  },
  nginx: {
    paths: ['ops/nginx/conf.d/upstreams.conf'],
    pro: () => ['server {', '  listen 443 ssl;', '  server_name api.acme-corp.io;'],
    epi: () => ['}'],
    fill: ['  proxy_read_timeout 60s;', '  client_max_body_size 10m;'],
  },
  raw: { paths: [] },
};

// ---------------------------------------------------------------------------------------------------------
// Samples
// ---------------------------------------------------------------------------------------------------------

const samples = [];
/** A NAME = value assignment in `lang` (or a language from the rotation). */
function A(type, tag, N, v, lang) {
  samples.push({ type, tag, N, v, lang });
}
/** Literal line(s) in `lang`; `at` is the index of the labelled line. `path` pins a specific file. */
function L(type, tag, lang, lines, at = 0, path) {
  samples.push({ type, tag, lang, lines: [].concat(lines), at, path });
}
/** Several labelled lines in one snippet: marks are [index, 'pos'|'neg', family-or-kind]. */
function M(lang, lines, marks, path) {
  samples.push({ type: 'multi', lang, lines, marks, path });
}
const P = (tag) => ({
  a: (N, v, lang) => A('pos', tag, N, v, lang),
  l: (lang, lines, at, path) => L('pos', tag, lang, lines, at, path),
});
const N = (tag) => ({
  a: (NAME, v, lang) => A('neg', tag, NAME, v, lang),
  l: (lang, lines, at, path) => L('neg', tag, lang, lines, at, path),
});

const ROTATION = [
  'env',
  'py',
  'ts',
  'yaml',
  'json',
  'sh',
  'go',
  'js',
  'java',
  'rb',
  'php',
  'cs',
  'rs',
  'tf',
  'toml',
  'ini',
  'properties',
  'docker',
  'gha',
  'k8s',
  'md',
  'mdtable',
  'log',
  'kt',
  'compose',
  'gitlabci',
];
let rotation = 0;

// Shared look-alike data
const HOSTS = [
  'orders-db.c7x2kq.eu-west-1.rds.amazonaws.com',
  'pg-main.internal.acme-corp.io',
  'db01.prod.acme.lan',
  '10.20.4.17',
  'analytics-pg.postgres.database.azure.com',
  'billing.cluster-ro-cq9xk.us-east-1.rds.amazonaws.com',
];
const USERS = ['svc_billing', 'app', 'reporting', 'etl_writer', 'deploy', 'ci-bot', 'admin_ops', 'orders_rw'];
const ORG = ['acme-corp', 'northwind', 'globex', 'initech', 'umbrella-labs', 'hooli'];
const ACCT = () =>
  pick(['acmeprodlogs', 'northwindassets', 'globexbackups', 'initechdata', 'hoolimedia']) + str(2, DIGITS);

// ---------------------------------------------------------------------------------------------------------
// POSITIVES: real-looking credentials (synthetic random values) in provider formats
// ---------------------------------------------------------------------------------------------------------

// --- AWS: access key id + secret access key, usually committed together ---------------------------------
{
  const id = P('aws-access-key-id');
  const sk = P('aws-secret-access-key');
  const awsId = (i) => (i % 4 === 3 ? 'ASIA' : 'AKIA') + str(16, B32);
  const awsSecret = () => str(40, UPPER + LOWER + DIGITS + '+/');
  const pairs = [
    (k, s) => ['env', [`AWS_ACCESS_KEY_ID=${k}`, `AWS_SECRET_ACCESS_KEY=${s}`]],
    (k, s) => [
      'raw',
      [
        '[default]',
        `aws_access_key_id = ${k}`,
        `aws_secret_access_key = ${s}`,
        'region = eu-west-1',
        '',
        '[reporting]',
        'role_arn = arn:aws:iam::418295736102:role/reporting-readonly',
        'source_profile = default',
      ],
      'ops/aws/credentials',
    ],
    (k, s) => [
      'py',
      [
        's3 = boto3.client(',
        '    "s3",',
        `    aws_access_key_id="${k}",`,
        `    aws_secret_access_key="${s}",`,
        '    region_name="eu-west-1",',
        ')',
      ],
    ],
    (k, s) => [
      'tf',
      [
        'provider "aws" {',
        '  region     = "us-east-1"',
        `  access_key = "${k}"`,
        `  secret_key = "${s}"`,
        '}',
      ],
    ],
    (k, s) => ['js', [`  accessKeyId: '${k}',`, `  secretAccessKey: '${s}',`]],
    (k, s) => ['gha', [`      AWS_ACCESS_KEY_ID: ${k}`, `      AWS_SECRET_ACCESS_KEY: ${s}`]],
    (k, s) => [
      'sh',
      [
        `aws configure set aws_access_key_id ${k} --profile backup`,
        `aws configure set aws_secret_access_key ${s} --profile backup`,
      ],
    ],
    (k, s) => [
      'java',
      [
        '    static final BasicAWSCredentials UPLOADER = new BasicAWSCredentials(',
        `        "${k}",`,
        `        "${s}");`,
      ],
    ],
    (k, s) => [
      'yaml',
      [
        '  s3:',
        `    access_key_id: ${k}`,
        `    secret_access_key: ${yq(s)}`,
        '    bucket: acme-prod-invoices',
      ],
    ],
    (k, s) => ['docker', [`ENV AWS_ACCESS_KEY_ID=${k} \\`, `    AWS_SECRET_ACCESS_KEY=${s}`]],
  ];
  pairs.forEach((make, i) => {
    const k = awsId(i);
    const s = awsSecret();
    const [lang, lines, path] = make(k, s);
    const ki = lines.findIndex((l) => l.includes(k));
    const si = lines.findIndex((l) => l.includes(s));
    samples.push({
      type: 'multi',
      lang,
      lines,
      path,
      marks: [
        [ki, 'pos', 'aws-access-key-id'],
        [si, 'pos', 'aws-secret-access-key'],
      ],
    });
  });
  // a secret key on its own (the id elsewhere)
  sk.a('AWS_SECRET_ACCESS_KEY', awsSecret(), 'log');
  id.l('md', `aws sts get-caller-identity  # using ${awsId(0)}`);
}

// --- Google Cloud ----------------------------------------------------------------------------------------
{
  const g = P('gcp-api-key');
  const key = () => 'AIza' + str(35, UPPER + LOWER + DIGITS + '-_');
  g.a('GOOGLE_MAPS_API_KEY', key(), 'env');
  g.a('FIREBASE_API_KEY', key(), 'json');
  g.a('YOUTUBE_API_KEY', key(), 'py');
  g.a('GOOGLE_API_KEY', key(), 'kt');
  g.l(
    'ts',
    `const geocodeUrl = 'https://maps.googleapis.com/maps/api/geocode/json?key=${key()}&address=' + encodeURIComponent(address);`,
  );
  g.l(
    'html',
    `  <script src="https://maps.googleapis.com/maps/api/js?key=${key()}&callback=initMap" async defer></script>`,
  );
  g.l(
    'sh',
    `curl -s "https://translation.googleapis.com/language/translate/v2?key=${key()}" -d q=hello -d target=de`,
  );

  const sa = P('gcp-service-account');
  const pkcs8 = () => pemBody('MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ', 1624, 64);
  const saJson = (project, name) => {
    const body = pkcs8();
    return [
      '{',
      '  "type": "service_account",',
      `  "project_id": "${project}",`,
      `  "private_key_id": "${hex(40)}",`,
      `  "private_key": "-----BEGIN PRIVATE KEY-----\\n${body.join('\\n')}\\n-----END PRIVATE KEY-----\\n",`,
      `  "client_email": "${name}@${project}.iam.gserviceaccount.com",`,
      `  "client_id": "${digits(21)}",`,
      '  "auth_uri": "https://accounts.google.com/o/oauth2/auth",',
      '  "token_uri": "https://oauth2.googleapis.com/token",',
      '  "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",',
      `  "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/${name}%40${project}.iam.gserviceaccount.com",`,
      '  "universe_domain": "googleapis.com"',
      '}',
    ];
  };
  const saMarks = [
    [3, 'neg', 'non-secret-id'],
    [4, 'pos', 'gcp-service-account'],
  ];
  M('raw', saJson('acme-prod-3f81', 'ci-deployer'), saMarks, 'infra/gcp/ci-deployer-key.json');
  M(
    'raw',
    saJson('acme-analytics', 'bigquery-reader'),
    saMarks,
    'services/ml/credentials/bigquery-reader.json',
  );
  M('raw', saJson('northwind-data-prod', 'gcs-uploader'), saMarks, 'apps/admin/server/gcs-uploader.json');
  {
    const body = pkcs8();
    sa.l(
      'k8s',
      `  GCP_SA_KEY: '{"type":"service_account","project_id":"acme-prod-3f81","private_key_id":"${hex(40)}","private_key":"-----BEGIN PRIVATE KEY-----\\n${body.join('\\n')}\\n-----END PRIVATE KEY-----\\n","client_email":"exporter@acme-prod-3f81.iam.gserviceaccount.com","token_uri":"https://oauth2.googleapis.com/token"}'`,
    );
  }

  const oc = P('gcp-oauth-client-secret');
  const ocs = () => 'GOCSPX-' + str(28, UPPER + LOWER + DIGITS + '-_');
  oc.a('GOOGLE_CLIENT_SECRET', ocs(), 'env');
  oc.a('GOOGLE_OAUTH_CLIENT_SECRET', ocs(), 'yaml');
  oc.l(
    'json',
    `  "web": { "client_id": "${digits(12)}-${str(32, LOWER + DIGITS)}.apps.googleusercontent.com", "client_secret": "${ocs()}" },`,
  );
  oc.l(
    'py',
    `flow = Flow.from_client_config({"web": {"client_id": CLIENT_ID, "client_secret": "${ocs()}"}}, scopes=SCOPES)`,
  );
}

// --- Azure -----------------------------------------------------------------------------------------------
{
  const ak = P('azure-storage-account-key');
  const conn = () =>
    `DefaultEndpointsProtocol=https;AccountName=${ACCT()};AccountKey=${b64bytes(64)};EndpointSuffix=core.windows.net`;
  const cosmos = () =>
    `AccountEndpoint=https://${pick(ORG)}-cosmos.documents.azure.com:443/;AccountKey=${b64bytes(64)};`;
  ak.a('AZURE_STORAGE_CONNECTION_STRING', conn(), 'env');
  ak.l('json', `  "ConnectionStrings": { "Blob": "${conn()}" },`);
  ak.l('cs', `    public const string AuditBlobs = "${conn()}";`);
  ak.a('COSMOS_CONNECTION_STRING', cosmos(), 'yaml');
  ak.a('AZURE_STORAGE_KEY', b64bytes(64), 'sh');
  ak.l(
    'sh',
    `az storage blob upload-batch -d backups -s ./out --account-name ${ACCT()} --account-key ${b64bytes(64)}`,
  );
  ak.l(
    'tf',
    [
      'resource "azurerm_storage_account_customer_managed_key" "ignored" {',
      '  # copied from the portal while debugging',
      `  primary_access_key = "${b64bytes(64)}"`,
      '}',
    ],
    2,
  );

  const sas = P('azure-sas');
  const sig = () => encodeURIComponent(b64bytes(32));
  sas.a(
    'AZURE_BLOB_SAS_URL',
    `https://${ACCT()}.blob.core.windows.net/exports?sv=2022-11-02&ss=b&srt=co&sp=rwdlacx&se=2026-12-31T23:59:59Z&st=2025-01-01T00:00:00Z&spr=https&sig=${sig()}`,
    'env',
  );
  sas.l(
    'py',
    `EXPORT_URL = "https://${ACCT()}.blob.core.windows.net/reports/daily.csv?sp=r&st=2025-02-01T09:00:00Z&se=2026-02-01T17:00:00Z&spr=https&sv=2022-11-02&sr=b&sig=${sig()}"`,
  );
  sas.a(
    'SERVICEBUS_CONNECTION_STRING',
    `Endpoint=sb://${pick(ORG)}-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${b64bytes(32)}`,
    'json',
  );
  sas.a(
    'EVENTHUB_CONNECTION_STRING',
    `Endpoint=sb://${pick(ORG)}-events.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${b64bytes(32)};EntityPath=telemetry`,
    'properties',
  );

  const ad = P('azure-ad-client-secret');
  const cs = () =>
    str(3, UPPER + LOWER + DIGITS + '_~.') +
    pick(['7', '8']) +
    'Q~' +
    str(34, UPPER + LOWER + DIGITS + '_~.-');
  ad.a('AZURE_CLIENT_SECRET', cs(), 'env');
  ad.a('AZURE_CLIENT_SECRET', cs(), 'gha');
  ad.l(
    'json',
    `  "AzureAd": { "Instance": "https://login.microsoftonline.com/", "ClientId": "${uuid()}", "ClientSecret": "${cs()}" },`,
  );
  ad.l('sh', `az login --service-principal -u ${uuid()} -p ${sq(cs())} --tenant ${uuid()}`);
  ad.l(
    'py',
    `credential = ClientSecretCredential(tenant_id=TENANT_ID, client_id=CLIENT_ID, client_secret="${cs()}")`,
  );

  const devops = P('azure-devops-pat');
  const pat = () => str(52, LOWER + '234567');
  devops.a('AZURE_DEVOPS_EXT_PAT', pat(), 'sh');
  devops.a('AZURE_DEVOPS_PAT', pat(), 'yaml');
  devops.l('sh', `git clone https://build:${pat()}@dev.azure.com/${pick(ORG)}/platform/_git/infra`);
}

// --- Alibaba Cloud ---------------------------------------------------------------------------------------
{
  const pairs = [
    (k, s) => ['env', [`ALIBABA_CLOUD_ACCESS_KEY_ID=${k}`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET=${s}`]],
    (k, s) => [
      'yaml',
      [
        '  oss:',
        '    endpoint: oss-cn-hangzhou.aliyuncs.com',
        `    access_key_id: ${k}`,
        `    access_key_secret: ${s}`,
      ],
    ],
    (k, s) => ['py', ['auth = oss2.Auth(', `    "${k}",`, `    "${s}",`, ')']],
  ];
  pairs.forEach((make) => {
    const k = 'LTAI' + str(20, B62);
    const s = str(30, B62);
    const [lang, lines] = make(k, s);
    samples.push({
      type: 'multi',
      lang,
      lines,
      marks: [
        [lines.findIndex((l) => l.includes(k)), 'pos', 'alibaba-access-key'],
        [lines.findIndex((l) => l.includes(s)), 'pos', 'alibaba-access-key'],
      ],
    });
  });
}

// --- GitHub ----------------------------------------------------------------------------------------------
{
  const gh = P('github-token');
  const t = (p) => checksummed(p);
  gh.a('GITHUB_TOKEN', t('ghp_'), 'env');
  gh.a('GH_TOKEN', t('ghp_'), 'gha');
  gh.a('GITHUB_PAT', t('ghp_'), 'py');
  gh.l(
    'sh',
    `curl -H "Authorization: token ${t('ghp_')}" https://api.github.com/repos/${pick(ORG)}/billing/releases/latest`,
  );
  M(
    'raw',
    [`https://octo-deployer:${t('ghp_')}@github.com`, `https://ci:${t('ghp_')}@github.acme-corp.io`],
    [
      [0, 'pos', 'github-token'],
      [1, 'pos', 'github-token'],
    ],
    'ops/home/.git-credentials',
  );
  gh.l('sh', `git clone https://x-access-token:${t('ghs_')}@github.com/${pick(ORG)}/infra-modules.git`);
  gh.l(
    'log',
    `${ts()} INFO  [installation] minted installation token ${t('ghs_')} expires_at=2025-03-04T10:12:00Z`,
  );
  gh.l('js', `  githubOauthToken: '${t('gho_')}',`);
  gh.a('GITHUB_OAUTH_TOKEN', t('gho_'), 'toml');
  gh.l('ts', `const octokit = new Octokit({ auth: '${t('ghu_')}' });`);
  gh.a('GITHUB_USER_TOKEN', t('ghu_'), 'json');
  gh.l('json', `  "refreshToken": "${t('ghr_')}",`);
  gh.a('GH_REFRESH_TOKEN', t('ghr_'), 'log');
  gh.l('md', `echo ${t('ghp_')} | gh auth login --with-token`);

  const fg = P('github-fine-grained-pat');
  const fpat = () => 'github_pat_11' + str(20, UPPER + DIGITS) + '_' + str(59, B62);
  fg.a('GITHUB_TOKEN', fpat(), 'env');
  fg.a('GH_PAT', fpat(), 'gitlabci');
  fg.l('py', `gh = Github(auth=Auth.Token("${fpat()}"))`);
  fg.l('mdtable', `| \`RENOVATE_TOKEN\` | \`${fpat()}\` | fine-grained, contents:write |`);
  fg.l('go', `\tgithubToken = "${fpat()}"`);
}

// --- GitLab ----------------------------------------------------------------------------------------------
{
  const gl = P('gitlab-token');
  const tok = (p) => p + str(20, UPPER + LOWER + DIGITS + '-_');
  gl.a('GITLAB_TOKEN', tok('glpat-'), 'env');
  gl.l(
    'sh',
    `curl --header "PRIVATE-TOKEN: ${tok('glpat-')}" "https://gitlab.com/api/v4/projects?membership=true"`,
  );
  gl.l('sh', `git remote add mirror https://oauth2:${tok('glpat-')}@gitlab.${pick(ORG)}.io/platform/api.git`);
  gl.a('CI_PUSH_TOKEN', tok('glpat-'), 'gitlabci');
  gl.l(
    'sh',
    `curl -X POST -F token=glptt-${hex(40)} -F ref=main https://gitlab.com/api/v4/projects/48213/trigger/pipeline`,
  );
  gl.l(
    'sh',
    `gitlab-runner register --non-interactive --url https://gitlab.com/ --registration-token ${tok('GR1348941')} --executor docker`,
  );
  gl.l(
    'toml',
    [
      '[[runners]]',
      '  name = "build-01"',
      '  url = "https://gitlab.com/"',
      `  token = "${tok('glrt-')}"`,
      '  executor = "docker"',
    ],
    3,
  );
  gl.l('yaml', `  registry_deploy_token: ${tok('gldt-')}`);
  gl.l('py', `gl = gitlab.Gitlab("https://gitlab.com", private_token="${tok('glpat-')}")`);
}

// --- Bitbucket / Atlassian -------------------------------------------------------------------------------
{
  const bb = P('bitbucket-app-password');
  const app = () => 'ATBB' + str(32, B62);
  bb.a('BITBUCKET_APP_PASSWORD', app(), 'env');
  bb.l('sh', `git clone https://jdoe:${app()}@bitbucket.org/${pick(ORG)}/deploy-scripts.git`);
  bb.l('sh', `curl -u ci-bot:${app()} https://api.bitbucket.org/2.0/repositories/${pick(ORG)}`);
  bb.a('BITBUCKET_APP_PASSWORD', app(), 'yaml');

  const at = P('atlassian-api-token');
  const tok = () =>
    'ATATT3xFfGF0' + str(between(170, 180), UPPER + LOWER + DIGITS + '-_') + '=' + str(8, HEXU);
  at.a('JIRA_API_TOKEN', tok(), 'env');
  at.l(
    'sh',
    `curl -u ops@acme-corp.io:${tok()} -H "Accept: application/json" https://acme-corp.atlassian.net/rest/api/3/myself`,
  );
  at.l(
    'py',
    `jira = JIRA(server="https://acme-corp.atlassian.net", basic_auth=("ops@acme-corp.io", "${tok()}"))`,
  );
  at.a('CONFLUENCE_API_TOKEN', tok(), 'gha');
}

// --- Slack -----------------------------------------------------------------------------------------------
{
  const s = P('slack-token');
  const bot = () => `xoxb-${digits(12)}-${digits(13)}-${str(24, B62)}`;
  const user = () => `xoxp-${digits(12)}-${digits(12)}-${digits(13)}-${hex(32)}`;
  const app = () => `xapp-1-A${str(10, UPPER + DIGITS)}-${digits(13)}-${hex(64)}`;
  s.a('SLACK_BOT_TOKEN', bot(), 'env');
  s.l('py', `client = WebClient(token="${bot()}")`);
  s.l(
    'sh',
    `curl -s -H "Authorization: Bearer ${bot()}" -d channel=C04QX2M8R1T -d text="deploy finished" https://slack.com/api/chat.postMessage`,
  );
  s.a('SLACK_BOT_TOKEN', bot(), 'k8s');
  s.a('SLACK_USER_TOKEN', user(), 'yaml');
  s.l('js', `  slackToken: '${user()}',`);
  s.a('SLACK_APP_TOKEN', app(), 'env');
  s.l(
    'ts',
    `const app = new App({ token: process.env.SLACK_BOT_TOKEN, appToken: '${app()}', socketMode: true });`,
  );

  const w = P('slack-webhook');
  const hook = () =>
    `https://hooks.slack.com/services/T${str(10, UPPER + DIGITS)}/B${str(10, UPPER + DIGITS)}/${str(24, B62)}`;
  w.a('SLACK_WEBHOOK_URL', hook(), 'env');
  w.l('sh', `curl -X POST -H 'Content-type: application/json' --data '{"text":"backup finished"}' ${hook()}`);
  w.l('yaml', `  slack_api_url: '${hook()}'`);
  w.l(
    'tf',
    [
      'resource "pagerduty_extension" "slack" {',
      '  name         = "slack-alerts"',
      `  endpoint_url = "${hook()}"`,
      '}',
    ],
    2,
  );
  w.l('json', `  "alertWebhook": "${hook()}",`);
  w.a('SLACK_WEBHOOK', hook(), 'gha');
}

// --- Discord / Telegram / Teams --------------------------------------------------------------------------
{
  const d = P('discord-bot-token');
  const bot = () =>
    b64(digits(pick([18, 19]))).replace(/=+$/, '') + '.' + str(6, B64URL) + '.' + str(38, B64URL);
  d.a('DISCORD_TOKEN', bot(), 'env');
  d.l('py', `bot.run("${bot()}")`);
  d.l('js', `  discordBotToken: '${bot()}',`);
  d.l('ts', `await client.login('${bot()}');`);

  const dw = P('discord-webhook');
  const hook = () =>
    `https://${pick(['discord.com', 'discordapp.com'])}/api/webhooks/${digits(19)}/${str(68, B64URL)}`;
  dw.a('DISCORD_WEBHOOK_URL', hook(), 'env');
  dw.l('sh', `curl -H "Content-Type: application/json" -d '{"content":"nightly build failed"}' ${hook()}`);
  dw.l('py', `requests.post("${hook()}", json={"content": msg}, timeout=10)`);
  dw.a('DISCORD_WEBHOOK', hook(), 'yaml');

  const tg = P('telegram-bot-token');
  const tok = () => `${between(100000000, 7999999999)}:AA${str(33, UPPER + LOWER + DIGITS + '_-')}`;
  tg.a('TELEGRAM_BOT_TOKEN', tok(), 'env');
  tg.l(
    'sh',
    `curl -s "https://api.telegram.org/bot${tok()}/sendMessage" -d chat_id=-100${digits(10)} -d text="disk 90% full"`,
  );
  tg.l('py', `bot = telebot.TeleBot("${tok()}")`);
  tg.a('TELEGRAM_TOKEN', tok(), 'json');
  tg.l('go', `\ttelegramToken = "${tok()}"`);

  const tm = P('teams-webhook');
  const hook2 = () =>
    `https://${pick(ORG)}.webhook.office.com/webhookb2/${uuid()}@${uuid()}/IncomingWebhook/${hex(32)}/${uuid()}`;
  tm.a('TEAMS_WEBHOOK_URL', hook2(), 'env');
  tm.l('yaml', `  teams_webhook: ${hook2()}`);
  tm.l('sh', `curl -H 'Content-Type: application/json' -d '{"text":"release 2.14 is live"}' '${hook2()}'`);
  tm.l('cs', `    public const string TeamsHook = "${hook2()}";`);
}

// --- Stripe / Square / PayPal-Braintree ------------------------------------------------------------------
{
  const st = P('stripe-live-key');
  const modern = (p) => `${p}_live_51${str(22, B62)}${str(75, B62)}`;
  const legacy = (p) => `${p}_live_${str(24, B62)}`;
  st.l('py', `stripe.api_key = "${modern('sk')}"`);
  st.l('sh', `curl https://api.stripe.com/v1/charges -u ${modern('sk')}: -d amount=2000 -d currency=eur`);
  st.l('rb', `  Stripe.api_key = '${legacy('sk')}'`);
  st.l('php', `    'stripe_secret' => '${modern('sk')}',`);
  st.l('ts', `const stripe = new Stripe('${modern('sk')}', { apiVersion: '2024-06-20' });`);
  st.a('STRIPE_SECRET_KEY', legacy('sk'), 'env');
  st.a('STRIPE_RESTRICTED_KEY', modern('rk'), 'k8s');
  st.a('STRIPE_REPORTING_KEY', legacy('rk'), 'yaml');

  const wh = P('stripe-webhook-secret');
  const ws = () => 'whsec_' + str(32, B62);
  wh.a('STRIPE_WEBHOOK_SECRET', ws(), 'env');
  wh.l('ts', `const event = stripe.webhooks.constructEvent(body, sig, '${ws()}');`);
  wh.a('STRIPE_ENDPOINT_SECRET', ws(), 'py');
  wh.a('STRIPE_WEBHOOK_SECRET', ws(), 'compose');

  const sqp = P('square-token');
  sqp.a('SQUARE_ACCESS_TOKEN', 'EAAA' + str(60, UPPER + LOWER + DIGITS + '-_'), 'env');
  sqp.l(
    'py',
    `client = Client(access_token="${'EAAA' + str(60, UPPER + LOWER + DIGITS + '-_')}", environment="production")`,
  );
  sqp.l(
    'sh',
    `curl https://connect.squareup.com/v2/locations -H "Authorization: Bearer ${'EAAA' + str(60, UPPER + LOWER + DIGITS + '-_')}"`,
  );
  sqp.a('SQUARE_LEGACY_TOKEN', 'sq0atp-' + str(22, UPPER + LOWER + DIGITS + '-_'), 'yaml');
  sqp.a('SQUARE_OAUTH_SECRET', 'sq0csp-' + str(43, UPPER + LOWER + DIGITS + '-_'), 'json');

  const pp = P('paypal-braintree');
  const bt = () => `access_token$production$${str(16, LOWER + DIGITS)}$${hex(32)}`;
  pp.a('BRAINTREE_ACCESS_TOKEN', bt(), 'env');
  pp.l('rb', `  config.x.braintree_gateway = Braintree::Gateway.new(access_token: '${bt()}')`);
  pp.l('js', `  braintreeAccessToken: '${bt()}',`);
  pp.a('PAYPAL_CLIENT_SECRET', 'E' + str(79, UPPER + LOWER + DIGITS + '-_'), 'env');
  M(
    'yaml',
    [
      '  paypal:',
      '    mode: live',
      `    client_id: A${str(79, UPPER + LOWER + DIGITS + '-_')}`,
      `    client_secret: E${str(79, UPPER + LOWER + DIGITS + '-_')}`,
    ],
    [
      [2, 'neg', 'public-identifier'],
      [3, 'pos', 'paypal-braintree'],
    ],
  );
  pp.l('php', `    'braintree_private_key' => '${hex(32)}',`);
}

// --- Private keys ----------------------------------------------------------------------------------------
function pemBody(prefix, total, width) {
  let s = prefix + str(Math.max(0, total - prefix.length - 2), B64);
  s += total % 4 === 0 ? '==' : str(2, B64);
  const out = [];
  for (let i = 0; i < s.length; i += width) out.push(s.slice(i, i + width));
  return out;
}
const KEYS = {
  rsa: () => ['RSA PRIVATE KEY', pemBody('MIIEowIBAAKCAQEA', 1588, 64)],
  pkcs8: () => ['PRIVATE KEY', pemBody('MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ', 1624, 64)],
  ec: () => ['EC PRIVATE KEY', pemBody('MHcCAQEEI', 164, 64)],
  ed25519: () => ['PRIVATE KEY', pemBody('MC4CAQAwBQYDK2VwBCIEI', 64, 64)],
  dsa: () => ['DSA PRIVATE KEY', pemBody('MIIBuwIBAAKBgQD', 596, 64)],
  sshEd: () => [
    'OPENSSH PRIVATE KEY',
    pemBody('b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOQAAACA', 396, 70),
  ],
  sshRsa: () => [
    'OPENSSH PRIVATE KEY',
    pemBody(
      'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAABlwAAAAdzc2gtcnNhAAAAAwEAAQAAAYEA',
      2600,
      70,
    ),
  ],
};
function pem(kind) {
  const [label, body] = KEYS[kind]();
  return [`-----BEGIN ${label}-----`, ...body, `-----END ${label}-----`];
}
{
  const pk = P('private-key');
  pk.l('raw', pem('rsa'), 0, 'ops/keys/legacy-sftp.pem');
  pk.l('raw', pem('pkcs8'), 0, 'services/gateway/certs/server.key');
  pk.l('raw', pem('ec'), 0, 'infra/vpn/ec-signing.key');
  pk.l('raw', pem('sshEd'), 0, 'ops/keys/deploy_ed25519');
  pk.l('raw', pem('sshRsa'), 0, 'ops/bastion/id_rsa');
  pk.l('raw', pem('dsa'), 0, 'services/legacy/keys/dsa_host.pem');
  pk.l(
    'raw',
    [
      '-----BEGIN PGP PRIVATE KEY BLOCK-----',
      '',
      ...pemBody('lQVYBGX' + str(8, B64), 1700, 64),
      '=' + str(4, B64),
      '-----END PGP PRIVATE KEY BLOCK-----',
    ],
    0,
    'ops/release/signing-key.asc',
  );
  // inline, in configuration and code
  {
    const k = pem('rsa');
    pk.l('k8s', ['  tls.key: |', ...k.map((l) => '    ' + l)], 1);
  }
  {
    const k = pem('ec');
    pk.l('yaml', ['  jwt_signing_key: |', ...k.map((l) => '    ' + l)], 1);
  }
  {
    const k = pem('sshEd');
    pk.l('env', `DEPLOY_SSH_KEY="${k.join('\\n')}"`);
  }
  {
    const k = pem('pkcs8');
    pk.l('py', [`GITHUB_APP_PRIVATE_KEY = """${k[0]}`, ...k.slice(1, -1), `${k[k.length - 1]}"""`], 0);
  }
  {
    const k = pem('rsa');
    pk.l(
      'tf',
      [
        'resource "tls_locally_signed_cert" "legacy" {',
        `  ca_private_key_pem = <<-EOT`,
        ...k.map((l) => '    ' + l),
        '  EOT',
        '}',
      ],
      2,
    );
  }
  {
    const k = pem('ed25519');
    pk.l('go', ['\tsigningKeyPEM = `' + k[0], ...k.slice(1, -1), k[k.length - 1] + '`'], 0);
  }
  {
    const k = pem('pkcs8');
    pk.l('json', `  "privateKey": "${k.join('\\n')}\\n",`);
  }
  {
    const k = pem('sshRsa');
    pk.l('gitlabci', ['  SSH_PRIVATE_KEY: |', ...k.map((l) => '    ' + l)], 1);
  }
  {
    const k = pem('ec');
    pk.l('js', ['  apnsKey: `' + k[0], ...k.slice(1, -1), k[k.length - 1] + '`,'], 0);
  }

  const wg = P('wireguard-private-key');
  M(
    'raw',
    [
      '[Interface]',
      `PrivateKey = ${b64bytes(32)}`,
      'Address = 10.8.0.2/24',
      'DNS = 10.8.0.1',
      '',
      '[Peer]',
      `PublicKey = ${b64bytes(32)}`,
      'Endpoint = vpn.acme-corp.io:51820',
      'AllowedIPs = 10.8.0.0/16',
    ],
    [
      [1, 'pos', 'wireguard-private-key'],
      [6, 'neg', 'public-key'],
    ],
    'ops/vpn/wg0.conf',
  );
  wg.a('WG_PRIVATE_KEY', b64bytes(32), 'yaml');

  const age = P('age-secret-key');
  M(
    'raw',
    [
      '# created: 2025-01-14T10:22:31Z',
      `# public key: age1${str(58, BECH32)}`,
      `AGE-SECRET-KEY-1${str(58, BECH32).toUpperCase()}`,
    ],
    [
      [1, 'neg', 'public-key'],
      [2, 'pos', 'age-secret-key'],
    ],
    'ops/sops/keys.txt',
  );
  age.a('SOPS_AGE_KEY', `AGE-SECRET-KEY-1${str(58, BECH32).toUpperCase()}`, 'gha');
}

// --- JWT ---------------------------------------------------------------------------------------------------
{
  const j = P('jwt');
  const now = 1741075200;
  const jwt = (alg, payload, sigBytes) =>
    b64url(
      JSON.stringify(alg === 'HS256' ? { alg, typ: 'JWT' } : { alg, typ: 'JWT', kid: str(16, B64URL) }),
    ) +
    '.' +
    b64url(JSON.stringify(payload)) +
    '.' +
    b64urlBytes(sigBytes);
  const user = () => ({
    sub: uuid(),
    email: `${pick(['ana', 'li', 'omar', 'kim'])}@${pick(ORG)}.io`,
    role: pick(['admin', 'ops', 'billing']),
    iat: now,
    exp: now + 31536000,
  });
  const svc = () => ({
    iss: `https://auth.${pick(ORG)}.io/`,
    sub: `svc-${pick(['reports', 'etl', 'export'])}@clients`,
    aud: 'https://api.acme-corp.io',
    scope: 'read:orders write:orders',
    iat: now,
    exp: now + 7776000,
  });
  const supa = () => ({
    iss: 'supabase',
    ref: str(20, LOWER),
    role: 'service_role',
    iat: now - 86400 * 200,
    exp: now + 86400 * 3650,
  });
  j.l('sh', `curl -H "Authorization: Bearer ${jwt('HS256', user(), 32)}" https://api.acme-corp.io/v2/orders`);
  j.l(
    'log',
    `${ts()} DEBUG [auth] outgoing headers: {"Authorization":"Bearer ${jwt('RS256', svc(), 256)}","X-Request-Id":"r-${hex(12)}"}`,
  );
  j.l(
    'http',
    [
      '',
      'GET https://api.acme-corp.io/v2/invoices?status=open',
      `Authorization: Bearer ${jwt('RS256', svc(), 256)}`,
    ],
    2,
  );
  j.l('json', `  "accessToken": "${jwt('HS256', user(), 32)}",`);
  j.a('SUPABASE_SERVICE_ROLE_KEY', jwt('HS256', supa(), 32), 'env');
  j.l('py', `HEADERS = {"Authorization": "Bearer ${jwt('HS256', svc(), 32)}"}`);
  j.a('API_JWT', jwt('RS256', svc(), 256), 'gha');
  j.l('ts', `const adminToken = '${jwt('HS256', user(), 32)}';`);
  j.a('SERVICE_TOKEN', jwt('HS256', svc(), 32), 'yaml');
  j.l(
    'http',
    [
      '',
      'POST https://api.acme-corp.io/v2/refunds',
      'Content-Type: application/json',
      `Authorization: Bearer ${jwt('HS256', user(), 32)}`,
    ],
    3,
  );
}

// --- Database URLs and connection strings with passwords --------------------------------------------------
{
  const db = P('database-url');
  const u = () => pick(USERS);
  const h = () => pick(HOSTS);
  db.a('DATABASE_URL', `postgres://${u()}:${urlPassword()}@${h()}:5432/orders`, 'env');
  db.a('DATABASE_URL', `postgresql://${u()}:${urlPassword()}@${h()}:5432/billing?sslmode=require`, 'gha');
  db.a('SQLALCHEMY_DATABASE_URI', `postgresql+psycopg2://${u()}:${urlPassword()}@${h()}/analytics`, 'py');
  db.a('MYSQL_URL', `mysql://${u()}:${urlPassword()}@mysql-prod.${pick(ORG)}.internal:3306/shop`, 'yaml');
  db.a(
    'MONGODB_URI',
    `mongodb+srv://${u()}:${urlPassword()}@cluster0.${str(5, LOWER + DIGITS)}.mongodb.net/app?retryWrites=true&w=majority`,
    'env',
  );
  db.l(
    'js',
    `  mongoUrl: 'mongodb://${u()}:${urlPassword()}@mongo-0.db:27017,mongo-1.db:27017/events?replicaSet=rs0&authSource=admin',`,
  );
  db.a(
    'REDIS_URL',
    `redis://default:${urlPassword()}@redis-${digits(5)}.c${digits(3)}.eu-west-1-2.ec2.cloud.redislabs.com:${digits(5)}`,
    'k8s',
  );
  db.a('CELERY_BROKER_URL', `amqp://${u()}:${urlPassword()}@rabbitmq.prod.internal:5672/jobs`, 'py');
  db.a('CACHE_URL', `rediss://:${urlPassword()}@cache.${pick(ORG)}.io:6380/0`, 'toml');
  db.l(
    'properties',
    `spring.datasource.url=jdbc:postgresql://${h()}:5432/ledger?user=ledger_app&password=${urlPassword()}`,
  );
  db.l(
    'java',
    `    static final String REPORTS_JDBC = "jdbc:mysql://reports-db:3306/reports?user=${u()}&password=${urlPassword()}&useSSL=true";`,
  );
  db.l(
    'cs',
    `    public const string Db = "Server=tcp:${pick(ORG)}-sql.database.windows.net,1433;Initial Catalog=reports;User ID=${u()};Password=${password()};Encrypt=True;";`,
  );
  db.l('go', `\tdsn = "${u()}:${urlPassword()}@tcp(mysql.internal:3306)/inventory?parseTime=true"`);
  db.l(
    'tf',
    [
      'resource "kubernetes_secret" "api" {',
      '  data = {',
      `    DATABASE_URL = "postgres://${u()}:${urlPassword()}@${h()}:5432/api"`,
      '  }',
      '}',
    ],
    2,
  );
  db.l(
    'sh',
    `psql "postgresql://${u()}:${urlPassword()}@${h()}:5432/orders" -c 'select count(*) from orders'`,
  );
  db.l(
    'log',
    `${ts()} ERROR [db] connection failed: dial postgres://${u()}:${urlPassword()}@${h()}:5432/orders: i/o timeout`,
  );
  db.a(
    'CLICKHOUSE_URL',
    `clickhouse://${u()}:${urlPassword()}@clickhouse.${pick(ORG)}.io:9440/events?secure=true`,
    'json',
  );
}

// --- Basic-auth URLs and headers ---------------------------------------------------------------------------
{
  const b = P('basic-auth-url');
  b.a(
    'NPM_REGISTRY_URL',
    `https://deploy:${urlPassword()}@nexus.${pick(ORG)}.io/repository/npm-private/`,
    'env',
  );
  b.l(
    'sh',
    `pip install --extra-index-url https://ci:${urlPassword()}@pypi.${pick(ORG)}.io/simple/ acme-internal==3.2.1`,
  );
  b.a('HTTPS_PROXY', `http://svc-proxy:${urlPassword()}@proxy.corp.${pick(ORG)}.io:3128`, 'docker');
  b.l('py', `GRAFANA_URL = "https://admin:${urlPassword()}@grafana.internal.${pick(ORG)}.io"`);
  b.a('ELASTICSEARCH_URL', `https://elastic:${urlPassword()}@es-prod.${pick(ORG)}.io:9200`, 'yaml');
  b.l('sh', `curl -T backup.tar.gz ftp://backup:${urlPassword()}@files.${pick(ORG)}.io/nightly/`);
  b.l('sh', `git clone https://jenkins:${urlPassword()}@git.${pick(ORG)}.io/scm/ops/ansible.git`);
  b.a('SMTP_URL', `smtp://mailer:${urlPassword()}@smtp.${pick(ORG)}.io:587`, 'toml');
  b.l('ini', `index-url = https://build:${urlPassword()}@artifactory.${pick(ORG)}.io/api/pypi/pypi/simple`);
  b.l('ts', `const feedUrl = 'https://reader:${urlPassword()}@feeds.${pick(ORG)}.io/v1/prices';`);

  const h = P('basic-auth-header');
  const basic = () => b64(`${pick(USERS)}:${password()}`);
  h.l(
    'sh',
    `curl -H "Authorization: Basic ${basic()}" https://jenkins.${pick(ORG)}.io/job/deploy/buildWithParameters`,
  );
  h.l('nginx', `  proxy_set_header Authorization "Basic ${basic()}";`);
  h.l('py', `session.headers["Authorization"] = "Basic ${basic()}"`);
  h.l('http', ['', 'GET https://registry.acme-corp.io/v2/_catalog', `Authorization: Basic ${basic()}`], 2);
  h.l('log', `${ts()} DEBUG [proxy] forwarding request with header Authorization: Basic ${basic()}`);
}

// --- Messaging / email ------------------------------------------------------------------------------------
{
  const tw = P('twilio');
  tw.a('TWILIO_AUTH_TOKEN', hex(32), 'env');
  M(
    'py',
    ['client = Client(', `    "AC${hex(32)}",`, `    "${hex(32)}",`, ')'],
    [
      [1, 'neg', 'public-identifier'],
      [2, 'pos', 'twilio'],
    ],
  );
  tw.a('TWILIO_AUTH_TOKEN', hex(32), 'yaml');
  tw.a('TWILIO_API_KEY', 'SK' + hex(32), 'json');
  tw.a('TWILIO_API_SECRET', str(32, B62), 'env');

  const sg = P('sendgrid');
  const key = () => 'SG.' + str(22, B64URL) + '.' + str(43, B64URL);
  sg.a('SENDGRID_API_KEY', key(), 'env');
  sg.l('py', `sg = SendGridAPIClient("${key()}")`);
  sg.l(
    'sh',
    `curl --request POST --url https://api.sendgrid.com/v3/mail/send --header "Authorization: Bearer ${key()}"`,
  );
  sg.a('SENDGRID_API_KEY', key(), 'php');
  sg.l('js', `  sendgridKey: '${key()}',`);
  sg.a('SMTP_PASSWORD', key(), 'properties');

  const mg = P('mailgun');
  mg.a('MAILGUN_API_KEY', 'key-' + hex(32), 'env');
  mg.l(
    'sh',
    `curl -s --user 'api:key-${hex(32)}' https://api.mailgun.net/v3/mg.${pick(ORG)}.io/messages -F to=ops@${pick(ORG)}.io`,
  );
  mg.a('MAILGUN_API_KEY', `${hex(32)}-${hex(8)}-${hex(8)}`, 'yaml');
  mg.l('rb', `  config.x.mailgun = { api_key: '${hex(32)}-${hex(8)}-${hex(8)}', domain: 'mg.acme-corp.io' }`);
  mg.a('MAILGUN_PRIVATE_KEY', 'key-' + hex(32), 'ini');

  const mc = P('mailchimp');
  const mkey = () => `${hex(32)}-us${between(1, 21)}`;
  mc.a('MAILCHIMP_API_KEY', mkey(), 'env');
  mc.l('py', `mailchimp.set_config({"api_key": "${mkey()}", "server": "us14"})`);
  mc.a('MAILCHIMP_KEY', mkey(), 'php');
  mc.a('MANDRILL_API_KEY', mkey(), 'ts');

  const br = P('brevo');
  br.a('BREVO_API_KEY', `xkeysib-${hex(64)}-${str(16, B62)}`, 'env');
  br.a('SENDINBLUE_API_KEY', `xkeysib-${hex(64)}-${str(16, B62)}`, 'yaml');
}

// --- Commerce / identity / observability ------------------------------------------------------------------
{
  const sh = P('shopify');
  sh.a('SHOPIFY_ACCESS_TOKEN', 'shpat_' + hex(32), 'env');
  sh.l('rb', `  config.x.shopify_admin_token = 'shpat_${hex(32)}'`);
  sh.a('SHOPIFY_API_SECRET', 'shpss_' + hex(32), 'toml');
  sh.a('SHOPIFY_CUSTOM_APP_TOKEN', 'shpca_' + hex(32), 'json');
  sh.l(
    'sh',
    `curl -H "X-Shopify-Access-Token: shppa_${hex(32)}" https://acme-store.myshopify.com/admin/api/2024-01/orders.json`,
  );

  const ok = P('okta');
  const ot = () => '00' + str(40, UPPER + LOWER + DIGITS + '-_');
  ok.a('OKTA_API_TOKEN', ot(), 'env');
  ok.l('sh', `curl -H "Authorization: SSWS ${ot()}" https://${pick(ORG)}.okta.com/api/v1/users?limit=200`);
  ok.l(
    'tf',
    [
      'provider "okta" {',
      `  org_name  = "${pick(ORG)}"`,
      '  base_url  = "okta.com"',
      `  api_token = "${ot()}"`,
      '}',
    ],
    3,
  );
  ok.a('OKTA_TOKEN', ot(), 'yaml');

  const dd = P('datadog');
  dd.a('DD_API_KEY', hex(32), 'env');
  dd.l('yaml', ['  datadog:', `    apiKey: ${hex(32)}`, '    site: datadoghq.eu'], 1);
  dd.l(
    'sh',
    `docker run -d --name dd-agent -e DD_API_KEY=${hex(32)} -e DD_SITE=datadoghq.eu gcr.io/datadoghq/agent:7`,
  );
  dd.a('DD_APP_KEY', hex(40), 'env');
  dd.l('tf', ['provider "datadog" {', `  api_key = "${hex(32)}"`, `  app_key = "${hex(40)}"`, '}'], 1);

  const nr = P('new-relic');
  nr.a('NEW_RELIC_API_KEY', 'NRAK-' + str(27, UPPER + DIGITS), 'env');
  nr.a('NEW_RELIC_LICENSE_KEY', hex(36) + 'NRAL', 'docker');
  nr.l('yaml', `  license_key: ${hex(36)}NRAL`);
  nr.l(
    'sh',
    `curl -X POST https://api.newrelic.com/graphql -H "API-Key: NRAK-${str(27, UPPER + DIGITS)}" -d @query.json`,
  );
  nr.a('NEW_RELIC_INSERT_KEY', 'NRII-' + str(32, UPPER + LOWER + DIGITS + '-_'), 'json');

  const se = P('sentry');
  const org = () =>
    'sntrys_' +
    b64(
      JSON.stringify({
        iat: 1741075200 + int(90000),
        url: 'https://sentry.io',
        region_url: 'https://de.sentry.io',
        org: pick(ORG),
      }),
    ).replace(/=+$/, '') +
    '_' +
    str(43, B64URL);
  se.a('SENTRY_AUTH_TOKEN', org(), 'env');
  se.a('SENTRY_AUTH_TOKEN', 'sntryu_' + hex(64), 'gha');
  se.l('ini', `token=sntryu_${hex(64)}`);
  se.l('sh', `sentry-cli --auth-token ${org()} releases new "web@2.14.0"`);

  const dt = P('dynatrace');
  dt.a('DT_API_TOKEN', `dt0c01.${str(24, UPPER + DIGITS)}.${str(64, UPPER + DIGITS)}`, 'env');
  dt.a('DYNATRACE_PAAS_TOKEN', `dt0c01.${str(24, UPPER + DIGITS)}.${str(64, UPPER + DIGITS)}`, 'yaml');

  const gr = P('grafana');
  gr.a('GRAFANA_SERVICE_ACCOUNT_TOKEN', `glsa_${str(32, B62)}_${hex(8)}`, 'env');
  gr.l(
    'sh',
    `curl -H "Authorization: Bearer glsa_${str(32, B62)}_${hex(8)}" https://grafana.${pick(ORG)}.io/api/dashboards/uid/k8s-nodes`,
  );
  gr.a(
    'GRAFANA_CLOUD_TOKEN',
    'glc_' +
      b64(
        JSON.stringify({
          o: digits(6),
          n: `stack-${digits(6)}-hm-read-ci`,
          k: str(24, B62),
          m: { r: 'prod-eu-west-2' },
        }),
      ),
    'gha',
  );
}

// --- Registries, hosting, infra ----------------------------------------------------------------------------
{
  const npm = P('npm-token');
  npm.l(
    'raw',
    [
      'registry=https://registry.npmjs.org/',
      `//registry.npmjs.org/:_authToken=${checksummed('npm_')}`,
      'always-auth=true',
    ],
    1,
    'packages/sdk/.npmrc',
  );
  npm.l(
    'raw',
    ['@acme:registry=https://npm.pkg.github.com', `//registry.npmjs.org/:_authToken=${checksummed('npm_')}`],
    1,
    'apps/web/.npmrc',
  );
  npm.a('NPM_TOKEN', checksummed('npm_'), 'env');
  npm.a('NPM_TOKEN', checksummed('npm_'), 'gha');
  npm.l(
    'docker',
    `RUN echo "//registry.npmjs.org/:_authToken=${checksummed('npm_')}" > ~/.npmrc && npm ci && rm ~/.npmrc`,
  );
  npm.l('sh', `npm config set //registry.npmjs.org/:_authToken ${checksummed('npm_')}`);
  npm.l(
    'raw',
    ['registry=https://registry.npmjs.org/', `//registry.npmjs.org/:_authToken=${uuid()}`],
    1,
    'tools/release/.npmrc',
  );
  npm.l('yaml', `  npmAuthToken: ${checksummed('npm_')}`);

  const pypi = P('pypi-token');
  const pt = () => 'pypi-AgEIcHlwaS5vcmc' + str(between(140, 180), B64URL);
  pypi.l(
    'raw',
    ['[distutils]', 'index-servers = pypi', '', '[pypi]', 'username = __token__', `password = ${pt()}`],
    5,
    'ops/home/.pypirc',
  );
  pypi.l('sh', `twine upload -u __token__ -p ${pt()} dist/*`);
  pypi.a('TWINE_PASSWORD', pt(), 'env');
  pypi.a('PYPI_API_TOKEN', pt(), 'gha');
  pypi.a('UV_PUBLISH_TOKEN', pt(), 'gitlabci');

  const dk = P('docker-registry');
  const pat = () => 'dckr_pat_' + str(27, UPPER + LOWER + DIGITS + '-_');
  dk.l('sh', `docker login -u acmebot -p ${pat()}`);
  dk.a('DOCKERHUB_TOKEN', pat(), 'env');
  dk.a('DOCKER_PASSWORD', pat(), 'gitlabci');
  M(
    'raw',
    [
      '{',
      '  "auths": {',
      '    "https://index.docker.io/v1/": {',
      `      "auth": "${b64(`acmebot:${password()}`)}"`,
      '    },',
      '    "ghcr.io": {',
      `      "auth": "${b64(`acme-ci:${checksummed('ghp_')}`)}"`,
      '    }',
      '  }',
      '}',
    ],
    [
      [3, 'pos', 'docker-registry'],
      [6, 'pos', 'docker-registry'],
    ],
    'ops/home/.docker/config.json',
  );
  dk.l(
    'k8s',
    `  .dockerconfigjson: '{"auths":{"registry.${pick(ORG)}.io":{"username":"robot$ci","password":"${password()}","auth":"${b64(`robot$ci:${password()}`)}"}}}'`,
  );

  const hk = P('heroku');
  hk.a('HEROKU_API_KEY', uuid(), 'env');
  hk.a('HEROKU_API_KEY', uuid(), 'gha');
  M(
    'raw',
    [
      'machine api.heroku.com',
      '  login ops@acme-corp.io',
      `  password ${uuid()}`,
      'machine git.heroku.com',
      '  login ops@acme-corp.io',
      `  password ${uuid()}`,
    ],
    [
      [2, 'pos', 'heroku'],
      [5, 'pos', 'heroku'],
    ],
    'ops/home/.netrc',
  );
  hk.a('HEROKU_API_TOKEN', 'HRKU-AA' + str(58, UPPER + LOWER + DIGITS + '-_'), 'sh');

  const doc_ = P('digitalocean');
  doc_.a('DIGITALOCEAN_ACCESS_TOKEN', 'dop_v1_' + hex(64), 'env');
  doc_.l('sh', `doctl auth init --access-token dop_v1_${hex(64)}`);
  doc_.l('tf', ['provider "digitalocean" {', `  token = "dop_v1_${hex(64)}"`, '}'], 1);
  doc_.a('DO_OAUTH_TOKEN', 'doo_v1_' + hex(64), 'yaml');
  doc_.a('DO_REFRESH_TOKEN', 'dor_v1_' + hex(64), 'json');

  const cf = P('cloudflare');
  cf.a('CLOUDFLARE_API_TOKEN', str(40, UPPER + LOWER + DIGITS + '-_'), 'env');
  cf.l(
    'tf',
    ['provider "cloudflare" {', `  api_token = "${str(40, UPPER + LOWER + DIGITS + '-_')}"`, '}'],
    1,
  );
  cf.l(
    'sh',
    `curl -X GET "https://api.cloudflare.com/client/v4/zones" -H "X-Auth-Email: ops@acme-corp.io" -H "X-Auth-Key: ${hex(37)}"`,
  );
  cf.a('CLOUDFLARE_API_KEY', hex(37), 'gha');
  cf.a('CF_ORIGIN_CA_KEY', `v1.0-${hex(24)}-${hex(146)}`, 'env');

  const v = P('vault-token');
  v.a('VAULT_TOKEN', 'hvs.' + str(24, B62), 'env');
  v.l('sh', `vault login hvs.${str(24, B62)}`);
  v.a('VAULT_TOKEN', 'hvs.CAESI' + str(86, UPPER + LOWER + DIGITS + '-_'), 'gha');
  v.l(
    'py',
    `client = hvac.Client(url="https://vault.${pick(ORG)}.io:8200", token="hvs.CAESI${str(86, UPPER + LOWER + DIGITS + '-_')}")`,
  );
  v.a('VAULT_TOKEN', 's.' + str(24, B62), 'docker');

  const tfc = P('terraform-cloud');
  const tt = () => `${str(14, B62)}.atlasv1.${str(67, B62)}`;
  tfc.l('raw', ['credentials "app.terraform.io" {', `  token = "${tt()}"`, '}'], 1, 'ops/home/.terraformrc');
  tfc.a('TF_TOKEN_app_terraform_io', tt(), 'gha');
  tfc.a('TFE_TOKEN', tt(), 'env');

  const dp = P('doppler');
  dp.a('DOPPLER_TOKEN', 'dp.st.prd.' + str(43, B62), 'env');
  dp.a('DOPPLER_TOKEN', 'dp.pt.' + str(43, B62), 'gha');
  dp.l('sh', `doppler run --token dp.pt.${str(43, B62)} -- npm start`);

  const pu = P('pulumi');
  pu.a('PULUMI_ACCESS_TOKEN', 'pul-' + hex(40), 'env');
  pu.a('PULUMI_ACCESS_TOKEN', 'pul-' + hex(40), 'gha');
  pu.l('sh', `pulumi login --cloud-url https://api.pulumi.com && export PULUMI_ACCESS_TOKEN=pul-${hex(40)}`);

  const db = P('databricks');
  db.a('DATABRICKS_TOKEN', 'dapi' + hex(32), 'env');
  db.l('ini', `token = dapi${hex(32)}`);
  db.l(
    'py',
    `conn = sql.connect(server_hostname=HOST, http_path=HTTP_PATH, access_token="dapi${hex(32)}-2")`,
  );

  const sb = P('supabase');
  sb.a('SUPABASE_ACCESS_TOKEN', 'sbp_' + hex(40), 'env');
  sb.a('SUPABASE_ACCESS_TOKEN', 'sbp_' + hex(40), 'gha');

  const rg = P('rubygems');
  rg.l('raw', ['---', `:rubygems_api_key: rubygems_${hex(48)}`], 1, 'ops/home/.gem/credentials');
  rg.a('GEM_HOST_API_KEY', 'rubygems_' + hex(48), 'gha');

  const nu = P('nuget');
  nu.l(
    'sh',
    `dotnet nuget push bin/Release/*.nupkg --api-key oy2${str(43, LOWER + DIGITS)} --source https://api.nuget.org/v3/index.json`,
  );
  nu.a('NUGET_API_KEY', 'oy2' + str(43, LOWER + DIGITS), 'env');

  const sq_ = P('sonarqube');
  sq_.a('SONAR_TOKEN', 'sqp_' + hex(40), 'gha');
  sq_.l('properties', `sonar.token=squ_${hex(40)}`);

  const sn = P('snyk');
  sn.a('SNYK_TOKEN', uuid(), 'gha');
  sn.l('sh', `snyk auth ${uuid()}`);
}

// --- Collaboration SaaS -----------------------------------------------------------------------------------
{
  const pm = P('postman');
  pm.a('POSTMAN_API_KEY', `PMAK-${hex(24)}-${hex(34)}`, 'env');
  pm.l(
    'sh',
    `newman run https://api.getpostman.com/collections/${digits(8)}-${uuid()}?apikey=PMAK-${hex(24)}-${hex(34)}`,
  );
  pm.a('POSTMAN_API_KEY', `PMAK-${hex(24)}-${hex(34)}`, 'gha');

  const li = P('linear');
  li.a('LINEAR_API_KEY', 'lin_api_' + str(40, B62), 'env');
  li.l('ts', `const linear = new LinearClient({ apiKey: 'lin_api_${str(40, B62)}' });`);
  li.a('LINEAR_API_KEY', 'lin_api_' + str(40, B62), 'gha');

  const no = P('notion');
  no.a('NOTION_TOKEN', 'secret_' + str(43, B62), 'env');
  no.l('js', `  notionToken: 'ntn_${digits(11)}${str(35, B62)}',`);

  const ai = P('airtable');
  ai.a('AIRTABLE_API_KEY', `pat${str(14, B62)}.${hex(64)}`, 'env');
  ai.l('py', `api = Api("pat${str(14, B62)}.${hex(64)}")`);

  const mb = P('mapbox-secret');
  const mt = () =>
    'sk.' +
    b64url(JSON.stringify({ u: `${pick(ORG)}-maps`, a: 'cl' + str(23, LOWER + DIGITS) })) +
    '.' +
    str(22, B64URL);
  mb.a('MAPBOX_SECRET_TOKEN', mt(), 'env');
  mb.l('sh', `curl "https://api.mapbox.com/uploads/v1/acme-maps?access_token=${mt()}"`);
  mb.l('ini', `MAPBOX_DOWNLOADS_TOKEN=${mt()}`);
}

// --- AI providers ------------------------------------------------------------------------------------------
{
  const oa = P('openai');
  const proj = () =>
    'sk-proj-' + str(74, UPPER + LOWER + DIGITS + '-_') + 'T3BlbkFJ' + str(74, UPPER + LOWER + DIGITS + '-_');
  const legacy = () => 'sk-' + str(20, B62) + 'T3BlbkFJ' + str(20, B62);
  oa.a('OPENAI_API_KEY', proj(), 'env');
  oa.l('py', `client = OpenAI(api_key="${proj()}")`);
  oa.l('ts', `const openai = new OpenAI({ apiKey: '${proj()}' });`);
  oa.l(
    'sh',
    `curl https://api.openai.com/v1/chat/completions -H "Authorization: Bearer ${proj()}" -H "Content-Type: application/json" -d @req.json`,
  );
  oa.a('OPENAI_API_KEY', legacy(), 'yaml');
  oa.l('py', `openai.api_key = "${legacy()}"`);
  oa.a(
    'OPENAI_ADMIN_KEY',
    'sk-admin-' +
      str(74, UPPER + LOWER + DIGITS + '-_') +
      'T3BlbkFJ' +
      str(74, UPPER + LOWER + DIGITS + '-_'),
    'gha',
  );

  const an = P('anthropic');
  const ak = () => 'sk-ant-api03-' + str(93, UPPER + LOWER + DIGITS + '-_') + 'AA';
  an.a('ANTHROPIC_API_KEY', ak(), 'env');
  an.l('py', `client = anthropic.Anthropic(api_key="${ak()}")`);
  an.l(
    'sh',
    `curl https://api.anthropic.com/v1/messages -H "x-api-key: ${ak()}" -H "anthropic-version: 2023-06-01" -d @msg.json`,
  );
  an.l('ts', `const anthropic = new Anthropic({ apiKey: '${ak()}' });`);
  an.a('ANTHROPIC_ADMIN_KEY', 'sk-ant-admin01-' + str(93, UPPER + LOWER + DIGITS + '-_') + 'AA', 'gha');

  const hf = P('huggingface');
  const ht = () => 'hf_' + str(34, UPPER + LOWER);
  hf.a('HF_TOKEN', ht(), 'env');
  hf.l('sh', `huggingface-cli login --token ${ht()}`);
  hf.l('py', `login(token="${ht()}")`);
  hf.l('sh', `git clone https://ml-bot:${ht()}@huggingface.co/${pick(ORG)}/ranker-v3`);
  hf.a('HUGGING_FACE_HUB_TOKEN', ht(), 'docker');

  const gq = P('groq');
  gq.a('GROQ_API_KEY', 'gsk_' + str(52, B62), 'env');
  gq.l('py', `client = Groq(api_key="gsk_${str(52, B62)}")`);

  const rp = P('replicate');
  rp.a('REPLICATE_API_TOKEN', 'r8_' + str(37, B62), 'env');
  rp.l(
    'sh',
    `curl -s -H "Authorization: Bearer r8_${str(37, B62)}" https://api.replicate.com/v1/predictions`,
  );
}

// --- Generic hard-coded secrets (no provider prefix) -------------------------------------------------------
{
  const g = P('generic-secret');
  g.a('DB_PASSWORD', password(), 'env');
  g.a('POSTGRES_PASSWORD', password(), 'compose');
  g.a('MYSQL_ROOT_PASSWORD', password(), 'compose');
  g.l('py', `SECRET_KEY = "${str(50, LOWER + DIGITS + '!@#%^&*(-_=+)')}"`);
  g.a('JWT_SECRET', b64bytes(48), 'env');
  g.a('SESSION_SECRET', hex(64), 'yaml');
  g.a('ENCRYPTION_KEY', b64bytes(32), 'k8s');
  g.l('properties', `spring.datasource.password=${password()}`);
  g.l('php', `    'db_password' => '${password()}',`);
  g.l(
    'xml',
    [
      '    <server>',
      '      <id>acme-releases</id>',
      '      <username>deployer</username>',
      `      <password>${password()}</password>`,
      '    </server>',
    ],
    3,
  );
  g.l('sh', `mysql -h ${pick(HOSTS)} -u ${pick(USERS)} -p'${password()}' shop < dump.sql`);
  g.l(
    'sh',
    `sshpass -p '${password()}' ssh -o StrictHostKeyChecking=no admin@10.20.4.31 'systemctl restart app'`,
  );
  g.l('sh', `PGPASSWORD='${password()}' pg_dump -h ${pick(HOSTS)} -U ${pick(USERS)} orders > orders.sql`);
  g.l('sh', `kubectl create secret generic api-keys --from-literal=password='${password()}' -n prod`);
  g.l('yaml', `  ansible_become_password: ${yq(password())}`);
  g.l(
    'sh',
    `keytool -importkeystore -srckeystore server.p12 -srcstoretype PKCS12 -srcstorepass '${password()}' -destkeystore server.jks`,
  );
  g.l('yaml', `  secret_key_base: ${hex(128)}`);
  g.a('APP_KEY', 'base64:' + b64bytes(32), 'env');
  g.a('NEXTAUTH_SECRET', b64bytes(32), 'env');
  g.l('py', `resp = requests.post(url, auth=("svc-report", "${password()}"), timeout=30)`);
  g.l('ts', `const apiKey = process.env.PARTNER_API_KEY ?? '${str(32, B62)}';`);
  g.l('go', `\tadminPassword = "${password()}"`);
  g.l('java', `    private static final String KEYSTORE_PASSWORD = "${password()}";`);
  g.l('cs', `    public const string SmtpPassword = "${password()}";`);
  g.l('rb', `  config.x.hmac_secret = '${hex(64)}'`);
  g.l('toml', `api_secret = "${str(40, B62)}"`);
  g.l('json', `  "clientSecret": "${str(40, B62 + '-_')}",`);
  g.l('ini', `password = ${password()}`);
  g.l(
    'tf',
    [
      'resource "aws_db_instance" "reports" {',
      '  engine         = "postgres"',
      '  username       = "reports"',
      `  password       = "${password()}"`,
      '  instance_class = "db.t3.medium"',
      '}',
    ],
    3,
  );
  g.l('log', `${ts()} INFO  [bootstrap] created admin user admin@acme-corp.io with password=${password()}`);
  g.a('WEBHOOK_SIGNING_SECRET', str(48, B62), 'gha');
  g.a('LDAP_BIND_PASSWORD', password(), 'ini');
  g.l('docker', `RUN echo "machine git.acme-corp.io login ci password ${str(24, B62)}" > /root/.netrc`);
}

// ---------------------------------------------------------------------------------------------------------
// NEGATIVES: look-alikes a good scanner must not report
// ---------------------------------------------------------------------------------------------------------

// --- Placeholders in angle brackets ----------------------------------------------------------------------
{
  const n = N('placeholder-angle');
  n.a('STRIPE_SECRET_KEY', '<your-stripe-secret-key>', 'env');
  n.a('GITHUB_TOKEN', '<GITHUB_TOKEN>', 'mdtable');
  n.a('DB_PASSWORD', '<password>', 'yaml');
  n.a('OPENAI_API_KEY', '<insert api key>', 'py');
  n.a('SLACK_BOT_TOKEN', '<REPLACE_WITH_BOT_TOKEN>', 'json');
  n.a('AWS_SECRET_ACCESS_KEY', '<aws-secret-access-key>', 'md');
  n.l('md', 'curl -H "Authorization: Bearer <access-token>" https://api.acme-corp.io/v2/orders');
  n.l('md', 'docker login -u <username> -p <personal-access-token> ghcr.io');
  n.a('SENDGRID_API_KEY', '<sendgrid api key>', 'mdtable');
  n.l('ts', "const client = new Client({ apiKey: '<YOUR_API_KEY>' });");
  n.l(
    'raw',
    ['registry=https://registry.npmjs.org/', '//registry.npmjs.org/:_authToken=<npm-token>'],
    1,
    'docs/templates/npmrc.tmpl',
  );
  n.a('CLIENT_SECRET', '<client-secret-from-portal>', 'tf');
}

// --- Template and variable references -------------------------------------------------------------------
{
  const n = N('template-reference');
  n.a('NPM_TOKEN', '${{ secrets.NPM_TOKEN }}', 'gha');
  n.a('GH_TOKEN', '${{ secrets.GITHUB_TOKEN }}', 'gha');
  n.a('AWS_SECRET_ACCESS_KEY', '${{ secrets.AWS_SECRET_ACCESS_KEY }}', 'gha');
  M(
    'raw',
    [
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: {{ include "billing.fullname" . }}',
      'stringData:',
      '  STRIPE_SECRET_KEY: {{ .Values.stripe.secretKey | quote }}',
      '  DATABASE_URL: {{ printf "postgres://%s:%s@%s/%s" .Values.db.user .Values.db.password .Values.db.host .Values.db.name | quote }}',
    ],
    [
      [5, 'neg', 'template-reference'],
      [6, 'neg', 'template-reference'],
    ],
    'deploy/helm/templates/secret.yaml',
  );
  n.l('yaml', '  db_password: "{{ vault_db_password }}"');
  n.a('DATABASE_PASSWORD', '${DB_PASSWORD}', 'compose');
  n.a('API_TOKEN', '${API_TOKEN}', 'docker');
  n.a('SENDGRID_API_KEY', '$SENDGRID_API_KEY', 'sh');
  n.a('DATADOG_API_KEY', '$(DATADOG_API_KEY)', 'yaml');
  n.l('properties', 'app.jwt.secret=${JWT_SECRET}');
  n.l('java', '    @Value("${app.stripe.secret-key}") private String stripeSecretKey;');
  n.l('tf', '  password = "${var.db_password}"');
  n.l('rb', '  config.x.github_token = \'<%= ENV["GITHUB_TOKEN"] %>\'');
  n.l('json', '  "apiKey": "#{API_KEY}",');
  n.l(
    'sh',
    'curl -H "Authorization: Bearer ${ACCESS_TOKEN}" "https://api.acme-corp.io/v2/orders?since=${SINCE}"',
  );
  n.a('CI_REGISTRY_PASSWORD', '$CI_JOB_TOKEN', 'gitlabci');
  n.l('ini', 'password = %(DB_PASSWORD)s');
  n.l('cs', '    public const string ApiKey = "%ACME_API_KEY%";');
}

// --- Environment / configuration lookups ----------------------------------------------------------------
{
  const n = N('env-reference');
  n.l('ts', 'const stripeKey = process.env.STRIPE_SECRET_KEY;');
  n.l('js', '  githubToken: process.env.GITHUB_TOKEN,');
  n.l('py', 'OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]');
  n.l('py', 'DB_PASSWORD = os.getenv("DB_PASSWORD", "")');
  n.l('rb', '  config.x.shopify_token = ENV.fetch("SHOPIFY_ACCESS_TOKEN")');
  n.l('java', '    public static final String AWS_SECRET = System.getenv("AWS_SECRET_ACCESS_KEY");');
  n.l('go', '\t// slackToken is read from os.Getenv("SLACK_BOT_TOKEN") at start-up');
  n.l(
    'rs',
    'pub fn discord_token() -> String { std::env::var("DISCORD_TOKEN").expect("DISCORD_TOKEN not set") }',
  );
  n.l(
    'cs',
    '    public static readonly string ClientSecret = Environment.GetEnvironmentVariable("AZURE_CLIENT_SECRET") ?? "";',
  );
  n.l('php', "    'mailgun_secret' => env('MAILGUN_SECRET'),");
  n.l('ts', 'export const apiKey = import.meta.env.VITE_MAPS_API_KEY;');
  n.l('ts', "const token = Deno.env.get('TELEGRAM_BOT_TOKEN');");
  n.l('kt', '    val sentryAuthToken: String = BuildConfig.SENTRY_AUTH_TOKEN');
  n.l('py', 'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY")');
  n.l('js', "  sessionSecret: process.env['SESSION_SECRET'] || require('./dev-secret'),");
  n.l('go', '\tenvVaultToken = "VAULT_TOKEN" // name of the environment variable, not the token');
  n.l('sh', 'export GITHUB_TOKEN="$(gh auth token)"');
  n.l('sh', 'export VAULT_TOKEN="$(vault print token)"');
}

// --- Masked, truncated or filler values ------------------------------------------------------------------
{
  const n = N('masked-or-filler');
  n.a('STRIPE_SECRET_KEY', 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', 'env');
  n.a('GITHUB_TOKEN', 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'mdtable');
  n.a('AWS_ACCESS_KEY_ID', 'AKIAXXXXXXXXXXXXXXXX', 'md');
  n.a('DB_PASSWORD', '****************', 'yaml');
  n.l('yaml', '  password: "********"');
  n.a('SLACK_BOT_TOKEN', 'xoxb-XXXXXXXXXXXX-XXXXXXXXXXXXX-XXXXXXXXXXXXXXXXXXXXXXXX', 'json');
  n.a('OPENAI_API_KEY', 'sk-proj-...', 'mdtable');
  n.l('log', '@@TS@@ INFO  [config] loaded stripe_secret_key=sk_live_****');
  n.l(
    'log',
    '@@TS@@ DEBUG [http] outgoing headers: {"Authorization":"Bearer [REDACTED]","X-Request-Id":"r-7c1e0f3a9b2d"}',
  );
  n.l('log', '@@TS@@ INFO  [config] api_key=***REDACTED*** region=eu-west-1');
  n.a('SENDGRID_API_KEY', 'SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'env');
  n.a('HF_TOKEN', 'hf_**********************************', 'py');
  n.a('GITLAB_TOKEN', 'glpat-XXXXXXXXXXXXXXXXXXXX', 'gitlabci');
  n.l('md', 'export ANTHROPIC_API_KEY=sk-ant-...   # paste the key from the console');
  n.l('json', '  "token": "••••••••••••••••",');
  n.a('TWILIO_AUTH_TOKEN', '00000000000000000000000000000000', 'env');
}

// --- Stop-word placeholders ------------------------------------------------------------------------------
{
  const n = N('placeholder-word');
  n.a('ADMIN_PASSWORD', 'changeme', 'env');
  n.a('API_TOKEN', 'your_token_here', 'env');
  n.a('STRIPE_SECRET_KEY', 'sk_live_REPLACE_ME', 'yaml');
  n.a('GITHUB_TOKEN', 'TODO', 'toml');
  n.a('MAILGUN_API_KEY', 'insert-your-key-here', 'php');
  n.a('SESSION_SECRET', 'CHANGE_ME_IN_PRODUCTION', 'docker');
  n.a('OPENAI_API_KEY', 'your-openai-api-key', 'mdtable');
  n.a('DISCORD_TOKEN', 'paste-bot-token-here', 'json');
  n.a('JWT_SECRET', 'not-a-real-secret', 'k8s');
  n.a('SLACK_BOT_TOKEN', 'xoxb-your-bot-token', 'md');
  n.a('DB_PASSWORD', 'placeholder', 'compose');
  n.a('CLIENT_SECRET', 'fill-me-in', 'ini');
  n.a('DATADOG_API_KEY', 'YOUR_DATADOG_API_KEY', 'yaml');
  n.a('SENTRY_AUTH_TOKEN', 'REPLACE_WITH_SENTRY_TOKEN', 'gha');
  n.a('ENCRYPTION_KEY', 'dummy-key-for-local-dev', 'properties');
  n.a('HEROKU_API_KEY', 'your-heroku-api-key', 'sh');
}

// --- Well-known vendor documentation values --------------------------------------------------------------
{
  const n = N('documentation-example');
  n.a('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE', 'md');
  n.a('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'md');
  M(
    'raw',
    [
      '# Shape of ~/.aws/credentials (values from the AWS documentation)',
      '[default]',
      'aws_access_key_id = AKIAI44QH8DHBEXAMPLE',
      'aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
    ],
    [
      [2, 'neg', 'documentation-example'],
      [3, 'neg', 'documentation-example'],
    ],
    'docs/templates/aws-credentials.example',
  );
  n.a(
    'SLACK_WEBHOOK_URL',
    'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
    'mdtable',
  );
  n.a('TWILIO_ACCOUNT_SID', 'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'mdtable');
  n.l('md', 'export SENTRY_DSN=https://examplePublicKey@o0.ingest.sentry.io/0');
  n.l('md', 'psql postgresql://user:password@example.com:5432/mydb');
}

// --- Git commit SHAs -------------------------------------------------------------------------------------
{
  const n = N('git-sha');
  n.l('gha', `      # pinned: actions/checkout@${hex(40)} # v4.1.7`);
  n.a('GIT_SHA', hex(40), 'env');
  n.a('BUILD_COMMIT', hex(40), 'py');
  n.l('sh', `git checkout ${hex(40)} -- migrations/`);
  n.l('json', `  "gitCommit": "${hex(40)}",`);
  n.l('yaml', `  revision: ${hex(40)}`);
  n.l(
    'tf',
    `module "vpc" { source = "git::https://github.com/${pick(ORG)}/tf-modules.git//vpc?ref=${hex(40)}" }`,
  );
  n.l('log', `@@TS@@ INFO  [deploy] rolled out web@${hex(7)} (commit ${hex(40)})`);
  n.l('md', `git cherry-pick ${hex(40)}`);
  n.l(
    'raw',
    [
      '-e git+https://github.com/acme-corp/lib-auth.git@' + hex(40) + '#egg=lib_auth',
      'requests==2.32.3',
      'boto3==1.34.90',
    ],
    0,
    'services/ml/requirements.txt',
  );
  n.l('ts', `export const BUILD_SHA = '${hex(40)}';`);
  n.l('go', `\tgitCommit = "${hex(40)}"`);
  n.l('toml', `rev = "${hex(40)}"`);
  n.l('k8s', `  SOURCE_VERSION: ${hex(40)}`);
}

// --- Hex digests (sha1 / sha256 / sha512 / md5) and image digests ----------------------------------------
{
  const n = N('hex-digest');
  n.l('docker', `FROM python:3.12-slim@sha256:${hex(64)}`);
  n.l(
    'docker',
    `RUN curl -fsSLo /tmp/tool.tgz https://releases.acme-corp.io/tool-1.4.2.tgz && echo "${hex(64)}  /tmp/tool.tgz" | sha256sum -c -`,
  );
  n.l('compose', `    # image: ghcr.io/acme-corp/worker@sha256:${hex(64)}`);
  n.l('k8s', `  IMAGE_DIGEST: sha256:${hex(64)}`);
  n.l('json', `  "sha256": "${hex(64)}",`);
  n.l('tf', `  source_code_hash = "${hex(64)}"`);
  M(
    'raw',
    [`${hex(128)}  acme-cli-2.14.0-linux-amd64.tar.gz`, `${hex(128)}  acme-cli-2.14.0-darwin-arm64.tar.gz`],
    [
      [0, 'neg', 'hex-digest'],
      [1, 'neg', 'hex-digest'],
    ],
    'tools/release/SHA512SUMS',
  );
  n.l('raw', [`${hex(64)}  acme-cli-2.14.0-linux-amd64.tar.gz`], 0, 'tools/release/SHA256SUMS');
  n.a('CHECKSUM_MD5', hex(32), 'yaml');
  n.l('py', `EXPECTED_SHA1 = "${hex(40)}"  # upstream tarball`);
  n.l('gha', `      CACHE_KEY: node-modules-${hex(64)}`);
  n.l('log', `@@TS@@ INFO  [storage] uploaded invoices-2025-03.parquet etag="${hex(32)}"`);
  n.l('toml', `sha256 = "${hex(64)}"`);
  n.l('rb', `  config.x.asset_digest = '${hex(64)}'`);
  n.l('mdtable', `| \`RELEASE_SHA256\` | \`${hex(64)}\` | checksum of the installer |`);
  n.l('log', `@@TS@@ INFO  [docker] started container ${hex(64)}`);
}

// --- Subresource-integrity and package integrity hashes --------------------------------------------------
{
  const n = N('integrity-hash');
  const sri = (alg, len) => `${alg}-${b64bytes(len)}`;
  n.l(
    'html',
    `  <script src="https://cdn.jsdelivr.net/npm/chart.js@4.4.1/dist/chart.umd.min.js" integrity="${sri('sha384', 48)}" crossorigin="anonymous"></script>`,
  );
  n.l(
    'html',
    `  <link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist/css/bootstrap.min.css" integrity="${sri('sha384', 48)}" crossorigin="anonymous">`,
  );
  n.l('html', `  <script src="/assets/app.js" integrity="${sri('sha256', 32)}"></script>`);
  n.l('json', `  "integrity": "${sri('sha512', 64)}",`);
  n.l('json', `  "cdnIntegrity": "${sri('sha384', 48)}",`);
  n.l(
    'raw',
    [
      '{',
      '  "imports": {',
      '    "lit": "https://cdn.jsdelivr.net/npm/lit@3.1.2/index.js"',
      '  },',
      '  "integrity": {',
      `    "https://cdn.jsdelivr.net/npm/lit@3.1.2/index.js": "${sri('sha384', 48)}"`,
      '  }',
      '}',
    ],
    5,
    'apps/web/public/importmap.json',
  );
  n.l(
    'raw',
    [
      '{',
      '  "name": "@acme/ui-kit",',
      '  "version": "4.2.0",',
      `  "dist": { "tarball": "https://npm.acme-corp.io/@acme/ui-kit/-/ui-kit-4.2.0.tgz", "integrity": "${sri('sha512', 64)}", "shasum": "${hex(40)}" }`,
      '}',
    ],
    3,
    'tools/release/registry-metadata.json',
  );
  n.l('md', `npm view @acme/ui-kit@4.2.0 dist.integrity   # ${sri('sha512', 64)}`);
  n.l('yaml', `  bundle_integrity: ${sri('sha512', 64)}`);
  n.l('ts', `export const WIDGET_SRI = '${sri('sha384', 48)}';`);
}

// --- UUIDs -----------------------------------------------------------------------------------------------
{
  const n = N('uuid');
  n.a('AZURE_TENANT_ID', uuid(), 'env');
  n.a('AZURE_CLIENT_ID', uuid(), 'gha');
  n.a('AZURE_SUBSCRIPTION_ID', uuid(), 'tf');
  n.l('json', `  "tenantId": "${uuid()}",`);
  n.l('k8s', `  WORKSPACE_ID: ${uuid()}`);
  n.l('log', `@@TS@@ INFO  [http] POST /v2/orders 201 request_id=${uuid()}`);
  n.l('log', `@@TS@@ WARN  [payments] retrying idempotency_key=${uuid()} attempt=2`);
  n.l('py', `DEFAULT_PROJECT_ID = "${uuid()}"`);
  n.l('ts', `export const analyticsSiteId = '${uuid()}';`);
  n.l('yaml', `  trace_id: ${uuid()}`);
  n.l('cs', `    public static readonly Guid TenantId = new("${uuid()}");`);
  n.l('sh', `az account set --subscription ${uuid()}`);
  n.l('go', `\tdefaultOrgID = "${uuid()}"`);
  n.l('xml', `    <!-- server id ${uuid()} -->`);
}

// --- Base64 images, fonts and data URIs ------------------------------------------------------------------
{
  const n = N('data-uri');
  const body = (magic, n_) => magic + str(n_ - magic.length - 2, B64) + '==';
  n.l(
    'css',
    `.logo { background-image: url("data:image/png;base64,${body('iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAA', 420)}"); }`,
  );
  n.l(
    'css',
    `@font-face { font-family: "Icons"; src: url(data:font/woff2;base64,${body('d09GMgABAAAAA', 520)}) format("woff2"); }`,
  );
  n.l(
    'css',
    `.spinner { background: url('data:image/gif;base64,${body('R0lGODlhEAAQAPIAAP', 240)}') no-repeat; }`,
  );
  n.l(
    'html',
    `  <link rel="icon" type="image/svg+xml" href="data:image/svg+xml;base64,${b64('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#1f6feb"/></svg>')}">`,
  );
  n.l(
    'json',
    `  "icon": "data:image/png;base64,${body('iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAA', 300)}",`,
  );
  n.l(
    'py',
    `PLACEHOLDER_PNG = base64.b64decode("${body('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAA', 96)}")`,
  );
  n.l(
    'ts',
    `export const emptyAvatar = 'data:image/jpeg;base64,${body('/9j/4AAQSkZJRgABAQAAAQABAAD/', 360)}';`,
  );
  n.l(
    'md',
    `![build status](data:image/svg+xml;base64,${b64('<svg xmlns="http://www.w3.org/2000/svg" width="90" height="20"><rect width="90" height="20" fill="#4c1"/></svg>')})`,
  );
}

// --- Public keys, certificates, fingerprints -------------------------------------------------------------
{
  const n = N('public-key');
  const edPub = () => 'AAAAC3NzaC1lZDI1NTE5AAAAI' + str(43, B64);
  const rsaPub = () => 'AAAAB3NzaC1yc2EAAAADAQABAAABgQ' + str(514, B64);
  M(
    'raw',
    [
      `ssh-ed25519 ${edPub()} deploy@ci`,
      `ssh-rsa ${rsaPub()} ops@bastion`,
      `ssh-ed25519 ${edPub()} ana@laptop`,
    ],
    [
      [0, 'neg', 'public-key'],
      [1, 'neg', 'public-key'],
      [2, 'neg', 'public-key'],
    ],
    'ops/bastion/authorized_keys',
  );
  n.l('raw', [`github.com ssh-ed25519 ${edPub()}`], 0, 'ops/bastion/known_hosts');
  n.l(
    'tf',
    [
      'resource "aws_key_pair" "deployer" {',
      '  key_name   = "deployer"',
      `  public_key = "ssh-rsa ${rsaPub()} deployer@acme"`,
      '}',
    ],
    2,
  );
  n.l('yaml', ['  ssh_authorized_keys:', `    - ssh-ed25519 ${edPub()} ops@acme`], 1);
  n.l(
    'raw',
    [
      '-----BEGIN PUBLIC KEY-----',
      ...pemBody('MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA', 392, 64),
      '-----END PUBLIC KEY-----',
    ],
    0,
    'services/gateway/certs/jwt-verify.pub',
  );
  n.l(
    'raw',
    ['-----BEGIN RSA PUBLIC KEY-----', ...pemBody('MIIBCgKCAQEA', 360, 64), '-----END RSA PUBLIC KEY-----'],
    0,
    'services/legacy/keys/partner.pub.pem',
  );
  n.l(
    'raw',
    [
      '-----BEGIN PGP PUBLIC KEY BLOCK-----',
      '',
      ...pemBody('mQINBGX' + str(8, B64), 900, 64),
      '=' + str(4, B64),
      '-----END PGP PUBLIC KEY BLOCK-----',
    ],
    0,
    'ops/release/signing-key.pub.asc',
  );
  n.l(
    'raw',
    [
      '{',
      '  "keys": [',
      '    {',
      '      "kty": "RSA",',
      '      "use": "sig",',
      `      "kid": "${str(16, B64URL)}",`,
      '      "alg": "RS256",',
      `      "n": "${b64urlBytes(256)}",`,
      '      "e": "AQAB"',
      '    }',
      '  ]',
      '}',
    ],
    7,
    'services/gateway/public/.well-known/jwks.json',
  );
  n.l('raw', ['age:', `  - recipient: age1${str(58, BECH32)}`], 1, 'ops/sops/recipients.yaml');
  n.l('md', `ssh-keygen -lf deploy.pub   # 256 SHA256:${str(43, B64)} deploy@ci (ED25519)`);

  const c = N('certificate');
  const cert = () => [
    '-----BEGIN CERTIFICATE-----',
    ...pemBody('MIIDdzCCAl+gAwIBAgIU', 1180, 64),
    '-----END CERTIFICATE-----',
  ];
  c.l('raw', cert(), 0, 'services/gateway/certs/ca.crt');
  {
    const a = cert();
    M(
      'raw',
      [...a, ...cert()],
      [
        [0, 'neg', 'certificate'],
        [a.length, 'neg', 'certificate'],
      ],
      'ops/nginx/certs/fullchain.pem',
    );
  }
  c.l('k8s', ['  ca.crt: |', ...cert().map((l) => '    ' + l)], 1);
  c.l('yaml', ['  ca_bundle: |', ...cert().map((l) => '    ' + l)], 1);
  c.l(
    'raw',
    [
      '-----BEGIN CERTIFICATE REQUEST-----',
      ...pemBody('MIICvDCCAaQCAQAwdzEL', 960, 64),
      '-----END CERTIFICATE REQUEST-----',
    ],
    0,
    'ops/pki/api.csr',
  );
  c.l(
    'json',
    `  "caCert": "-----BEGIN CERTIFICATE-----\\n${pemBody('MIIDdzCCAl+gAwIBAgIU', 1180, 64).join('\\n')}\\n-----END CERTIFICATE-----\\n",`,
  );
}

// --- Encrypted values (safe to commit by design) ---------------------------------------------------------
{
  const n = N('encrypted-value');
  const sops = (type = 'str', len = 24) =>
    `ENC[AES256_GCM,data:${b64bytes(len)},iv:${b64bytes(32)},tag:${b64bytes(16)},type:${type}]`;
  M(
    'raw',
    [
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: billing',
      'stringData:',
      `  STRIPE_SECRET_KEY: ${sops('str', 80)}`,
      `  DB_PASSWORD: ${sops()}`,
      'sops:',
      '  age:',
      `    - recipient: age1${str(58, BECH32)}`,
      '      enc: |',
      '        -----BEGIN AGE ENCRYPTED FILE-----',
      ...pemBody('YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSB', 320, 64).map((l) => '        ' + l),
      '        -----END AGE ENCRYPTED FILE-----',
      '  lastmodified: "2025-02-11T09:31:07Z"',
      `  mac: ${sops()}`,
      '  version: 3.9.4',
    ],
    [
      [5, 'neg', 'encrypted-value'],
      [6, 'neg', 'encrypted-value'],
      [11, 'neg', 'encrypted-value'],
    ],
    'deploy/k8s/billing.sops.yaml',
  );
  M(
    'raw',
    [`DB_PASSWORD=${sops()}`, `SLACK_BOT_TOKEN=${sops('str', 56)}`, `sops_mac=${sops()}`],
    [
      [0, 'neg', 'encrypted-value'],
      [1, 'neg', 'encrypted-value'],
      [2, 'neg', 'encrypted-value'],
    ],
    'deploy/prod.sops.env',
  );
  const av = ['$ANSIBLE_VAULT;1.1;AES256', ...Array.from({ length: 8 }, () => hex(80))];
  n.l('raw', av, 0, 'ops/ansible/group_vars/prod/vault.yml');
  n.l(
    'yaml',
    [
      '  vault_smtp_password: !vault |',
      '    $ANSIBLE_VAULT;1.1;AES256',
      ...Array.from({ length: 5 }, () => '    ' + hex(80)),
    ],
    1,
  );
  M(
    'raw',
    [
      'apiVersion: bitnami.com/v1alpha1',
      'kind: SealedSecret',
      'metadata:',
      '  name: api-keys',
      '  namespace: prod',
      'spec:',
      '  encryptedData:',
      `    OPENAI_API_KEY: AgB${b64bytes(520).replace(/=+$/, '')}`,
      `    SENDGRID_API_KEY: AgC${b64bytes(520).replace(/=+$/, '')}`,
    ],
    [
      [7, 'neg', 'encrypted-value'],
      [8, 'neg', 'encrypted-value'],
    ],
    'deploy/k8s/api-keys.sealed.yaml',
  );
  n.l('properties', `spring.datasource.password=ENC(${b64bytes(48)})`);
  n.l(
    'raw',
    [
      '{',
      `  "_public_key": "${hex(64)}",`,
      `  "stripe_secret_key": "EJ[1:${b64bytes(32)}:${b64bytes(24)}:${b64bytes(60)}]"`,
      '}',
    ],
    2,
    'services/billing/config/secrets.ejson',
  );
  n.l(
    'raw',
    [
      '-----BEGIN PGP MESSAGE-----',
      '',
      ...pemBody('hQIMA' + str(10, B64), 700, 64),
      '=' + str(4, B64),
      '-----END PGP MESSAGE-----',
    ],
    0,
    'ops/release/handover-notes.txt.asc',
  );
  n.l('tf', `  db_password_ciphertext = "AQICAHh${b64bytes(180)}"`);
  n.l('yaml', `  encrypted_api_key: "vault:v1:${b64bytes(60)}"`);
}

// --- Password hashes -------------------------------------------------------------------------------------
{
  const n = N('password-hash');
  const BC = './' + UPPER + LOWER + DIGITS;
  const bcrypt = (v = '2b', cost = 12) => `$${v}$${cost}$${str(53, BC)}`;
  n.l('yaml', `  admin_password_hash: "${bcrypt()}"`);
  n.l('json', `  "passwordHash": "${bcrypt('2a', 10)}",`);
  n.l('php', `    'seed_password' => '${bcrypt('2y', 10)}',`);
  n.l(
    'py',
    `ADMIN_PASSWORD_HASH = "$argon2id$v=19$m=65536,t=3,p=4$${b64bytes(16).replace(/=+$/, '')}$${b64bytes(32).replace(/=+$/, '')}"`,
  );
  M(
    'raw',
    [`admin:$apr1$${str(8, BC)}$${str(22, BC)}`, `grafana:${bcrypt('2y', 5)}`],
    [
      [0, 'neg', 'password-hash'],
      [1, 'neg', 'password-hash'],
    ],
    'ops/nginx/.htpasswd',
  );
  n.l('yaml', `  passwd: "$6$rounds=4096$${str(16, BC)}$${str(86, BC)}"`);
  n.l('py', `LEGACY_HASH = "pbkdf2_sha256$600000$${str(22, B62)}$${b64bytes(32)}"`);
  M(
    'raw',
    [
      '-- seed users (hashes only)',
      `INSERT INTO users (email, password_hash) VALUES ('ops@acme-corp.io', '${bcrypt()}');`,
      `ALTER ROLE reporting WITH PASSWORD 'SCRAM-SHA-256$4096:${b64bytes(16)}$${b64bytes(32)}:${b64bytes(32)}';`,
    ],
    [
      [1, 'neg', 'password-hash'],
      [2, 'neg', 'password-hash'],
    ],
    'services/billing/db/seed.sql',
  );
  n.l('raw', [`ALTER ROLE etl WITH PASSWORD 'md5${hex(32)}';`], 0, 'services/billing/db/roles.sql');
  n.l('ts', `const hashed = '${bcrypt('2b', 10)}';`);
}

// --- Test-mode and publishable keys (harmless by design) -------------------------------------------------
{
  const n = N('test-or-publishable-key');
  n.a('STRIPE_SECRET_KEY', `sk_test_51${str(97, B62)}`, 'env');
  n.a('STRIPE_SECRET_KEY', `sk_test_${str(24, B62)}`, 'yaml');
  n.l('py', `stripe.api_key = "sk_test_${str(24, B62)}"`);
  n.l('ts', `const stripe = new Stripe('sk_test_51${str(97, B62)}', { apiVersion: '2024-06-20' });`);
  n.a('STRIPE_PUBLISHABLE_KEY', `pk_live_51${str(97, B62)}`, 'env');
  n.l('html', `  <script>window.STRIPE_PK = "pk_live_${str(24, B62)}";</script>`);
  n.l('ts', `export const stripePublishableKey = 'pk_live_51${str(97, B62)}';`);
  n.a('NEXT_PUBLIC_STRIPE_KEY', `pk_test_${str(24, B62)}`, 'env');
  n.a('STRIPE_RESTRICTED_KEY', `rk_test_51${str(97, B62)}`, 'json');
  n.a('NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', 'pk_live_' + b64('clerk.acme-corp.io$'), 'env');
  n.l('html', `  <div class="g-recaptcha" data-sitekey="6L${str(38, UPPER + LOWER + DIGITS + '-_')}"></div>`);
  n.l('js', `  stripePublicKey: 'pk_live_${str(24, B62)}',`);
}

// --- Public identifiers (not secrets) --------------------------------------------------------------------
{
  const n = N('public-identifier');
  n.a('GOOGLE_CLIENT_ID', `${digits(12)}-${str(32, LOWER + DIGITS)}.apps.googleusercontent.com`, 'env');
  n.a('TWILIO_ACCOUNT_SID', 'AC' + hex(32), 'env');
  n.a(
    'NEXT_PUBLIC_MAPBOX_TOKEN',
    'pk.' +
      b64url(JSON.stringify({ u: 'acme-maps', a: 'cl' + str(23, LOWER + DIGITS) })) +
      '.' +
      str(22, B64URL),
    'env',
  );
  n.a('SENTRY_DSN', `https://${hex(32)}@o${digits(6)}.ingest.sentry.io/${digits(7)}`, 'ts');
  n.a('GITHUB_CLIENT_ID', 'Iv1.' + hex(16), 'env');
  n.a('OKTA_CLIENT_ID', '0oa' + str(17, B62), 'yaml');
  n.a('ALGOLIA_APP_ID', str(10, UPPER + DIGITS), 'ts');
  n.l(
    'json',
    `  "firebase": { "projectId": "acme-web-prod", "messagingSenderId": "${digits(12)}", "appId": "1:${digits(12)}:web:${hex(22)}" },`,
  );
  n.a('NEXT_PUBLIC_GA_ID', 'G-' + str(10, UPPER + DIGITS), 'env');
  n.l('yaml', `  stripe_account: acct_${str(16, B62)}`);
  n.a('SLACK_CHANNEL_ID', 'C0' + str(9, UPPER + DIGITS), 'py');
  n.l(
    'log',
    `@@TS@@ INFO  [payments] charge succeeded customer=cus_${str(14, B62)} charge=ch_${str(24, B62)}`,
  );
}

// --- Names, labels and prose that only mention secrets ---------------------------------------------------
{
  const n = N('identifier-name');
  n.l('py', 'PASSWORD_MIN_LENGTH = 12');
  n.l('py', 'password_field = forms.CharField(widget=forms.PasswordInput, label="Password")');
  n.l('ts', "const passwordInput = document.querySelector<HTMLInputElement>('#password');");
  n.l('py', 'TOKEN_EXPIRY_SECONDS = 3600');
  n.l('yaml', '  api_key_header: X-API-Key');
  n.l('yaml', '  secret_name: prod/billing/stripe');
  n.l('ts', "if (!token) throw new Error('missing bearer token');");
  n.l('py', 'def reset_password(user, new_password):');
  n.l('py', 'password = form.cleaned_data["password"]');
  n.l('java', '    public static final String AUTH_TOKEN_HEADER = "Authorization";');
  n.l('yaml', '  private_key_path: /etc/ssl/private/server.key');
  n.a('SSH_KEY_FILE', '~/.ssh/id_ed25519', 'env');
  n.a('GOOGLE_APPLICATION_CREDENTIALS', '/var/run/secrets/gcp/service-account.json', 'env');
  n.l('yaml', '  token_endpoint: https://login.acme-corp.io/oauth2/token');
  n.l('go', '\tpasswordResetPath = "/accounts/password/reset/"');
  n.l('js', "  secretsManagerPrefix: 'prod/web/',");
  n.l('ts', 'export type ApiKeyScope = "read" | "write" | "admin";');
  n.l('cs', '    public const string SecretKeyVaultName = "kv-reports-prod";');

  const u = N('ui-text');
  M(
    'raw',
    [
      '{',
      '  "login": {',
      '    "password": "Password",',
      '    "forgot_password": "Forgot your password?",',
      '    "api_key_hint": "Paste the API key from your dashboard",',
      '    "token_expired": "Your session token has expired. Please sign in again.",',
      '    "secret_key_label": "Secret key",',
      '    "show_password": "Show password"',
      '  }',
      '}',
    ],
    [
      [2, 'neg', 'ui-text'],
      [3, 'neg', 'ui-text'],
      [4, 'neg', 'ui-text'],
      [5, 'neg', 'ui-text'],
      [6, 'neg', 'ui-text'],
      [7, 'neg', 'ui-text'],
    ],
    'apps/web/src/locales/en.json',
  );
  M(
    'raw',
    [
      '{',
      '  "login": {',
      '    "password": "Passwort",',
      '    "forgot_password": "Passwort vergessen?"',
      '  }',
      '}',
    ],
    [
      [2, 'neg', 'ui-text'],
      [3, 'neg', 'ui-text'],
    ],
    'apps/web/src/locales/de.json',
  );
  u.l('html', '  <label for="password">Password</label>');
  u.l(
    'html',
    '  <input type="password" name="password" autocomplete="current-password" placeholder="Enter your password">',
  );
  u.l(
    'html',
    '  <input type="text" name="api_key" placeholder="sk_live_..." aria-label="Stripe secret key">',
  );
  u.l('md', '# Paste the token shown on the "API tokens" page; it is displayed only once.');
  u.l('py', 'raise PermissionDenied("Invalid API key or token; check the Authorization header")');
  u.l('ts', "toast.error('The password must contain at least 12 characters');");

  const t = N('token-type');
  t.l('yaml', '  token_type: bearer');
  t.l('json', '  "token_type": "Bearer",');
  t.l(
    'sh',
    'curl -X POST https://login.acme-corp.io/oauth2/token -d grant_type=client_credentials -d scope=orders.read',
  );
  t.l('py', 'AUTH_TYPE = "api_key"');
  t.l('ts', "export const authScheme = 'Bearer';");
  t.l('json', '  "tokenType": "refresh_token",');
}

// --- Minified code, hashed asset names, CSS class names ---------------------------------------------------
{
  const n = N('minified-or-generated-name');
  n.l('css', `.css-${str(7, LOWER + DIGITS)} { display: flex; gap: 8px; }`);
  n.l('css', `.Button_primary__${str(5, B62)} { background: var(--brand); }`);
  n.l('css', `.sc-${str(6, UPPER + LOWER)} { color: #57606a; }`);
  n.l('html', `  <link rel="stylesheet" href="/assets/index-${str(8, B64URL.replace('-', ''))}.css">`);
  n.l('html', `  <script type="module" src="/assets/index-${str(8, B62)}.js"></script>`);
  n.l('html', `  <script src="/static/js/main.${hex(8)}.chunk.js"></script>`);
  n.l('json', `  "main.js": "/static/js/main.${hex(20)}.js",`);
  n.l(
    'js',
    `  render: function(e,t){var n=e.secretKey||t.apiKey,r=n&&n.length>8;return r?n.slice(0,4)+"****":""},`,
  );
  n.l('js', `  _0x${hex(6)}: ['${str(6, B62)}', '${str(6, B62)}', 'token', 'password'],`);
  n.l(
    'html',
    `  <div class="css-${str(7, LOWER + DIGITS)} e${str(7, LOWER + DIGITS)}0" data-v-${hex(8)}></div>`,
  );
  n.l('ts', `const buildId = '${str(21, B62 + '-_')}'; // next.js build id`);
  n.l('json', `  "webpackChunkHash": "${hex(20)}",`);
  n.l('css', `[data-v-${hex(8)}] .token-field { font-family: monospace; }`);
  n.l('ts', `import styles from './Card.module.css'; // emits .Card_root__${str(5, B62)}`);
}

// --- Kubernetes / CI references to secrets ---------------------------------------------------------------
{
  const n = N('secret-reference');
  M(
    'raw',
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: billing-api',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: api',
      '          image: ghcr.io/acme-corp/billing-api:2.14.0',
      '          env:',
      '            - name: STRIPE_SECRET_KEY',
      '              valueFrom:',
      '                secretKeyRef:',
      '                  name: billing-secrets',
      '                  key: stripe-secret-key',
      '            - name: DB_PASSWORD',
      '              valueFrom:',
      '                secretKeyRef:',
      '                  name: billing-db',
      '                  key: password',
      '          envFrom:',
      '            - secretRef:',
      '                name: billing-env',
    ],
    [
      [11, 'neg', 'secret-reference'],
      [13, 'neg', 'secret-reference'],
      [15, 'neg', 'secret-reference'],
      [16, 'neg', 'secret-reference'],
      [20, 'neg', 'secret-reference'],
      [22, 'neg', 'secret-reference'],
    ],
    'deploy/k8s/billing-deployment.yaml',
  );
  M(
    'raw',
    [
      'apiVersion: external-secrets.io/v1beta1',
      'kind: ExternalSecret',
      'metadata:',
      '  name: api-keys',
      'spec:',
      '  secretStoreRef:',
      '    name: aws-secrets-manager',
      '    kind: ClusterSecretStore',
      '  data:',
      '    - secretKey: OPENAI_API_KEY',
      '      remoteRef:',
      '        key: prod/api/openai',
      '        property: api_key',
    ],
    [
      [9, 'neg', 'secret-reference'],
      [11, 'neg', 'secret-reference'],
    ],
    'deploy/k8s/api-keys.external-secret.yaml',
  );
  n.l('yaml', '  existing_secret: postgres-credentials');
  n.l('yaml', '  password_secret_key: postgres-password');
  n.l('gha', '      DEPLOY_KEY_SECRET_NAME: deploy-key');
  n.l(
    'json',
    '  "secretArn": "arn:aws:secretsmanager:eu-west-1:418295736102:secret:prod/billing/stripe-Xy7Qz1",',
  );
  n.l('tf', '  password = data.aws_secretsmanager_secret_version.db.secret_string');
  n.l('tf', '  master_password = random_password.db.result');
}

// --- URLs without credentials ----------------------------------------------------------------------------
{
  const n = N('url-without-credentials');
  n.a('DATABASE_URL', 'postgres://db.internal:5432/orders', 'env');
  n.a('REDIS_URL', 'redis://cache:6379/0', 'compose');
  n.a('MONGO_URL', 'mongodb://localhost:27017/app', 'env');
  n.l('ts', 'const secretsUrl = `https://api.github.com/repos/${owner}/${repo}/actions/secrets/public-key`;');
  n.l('sh', `git clone https://jdoe@bitbucket.org/${pick(ORG)}/deploy-scripts.git`);
  n.l('sh', `git remote add origin git@github.com:${pick(ORG)}/api.git`);
  n.a('AMQP_URL', 'amqp://rabbitmq:5672/jobs', 'yaml');
  n.l('properties', 'spring.datasource.url=jdbc:postgresql://db:5432/ledger');
  n.a('WEBHOOK_URL', 'https://hooks.acme-corp.io/deploy', 'gha');
  n.a('HTTP_PROXY', 'http://proxy.corp.acme-corp.io:3128', 'docker');
  n.l('py', 'VAULT_ADDR = "https://vault.acme-corp.io:8200/v1/secret/data/app"');
  n.l('py', 'TOKEN_URL = "https://oauth2.googleapis.com/token"');
  n.l('yaml', `  authority: https://login.microsoftonline.com/${uuid()}/oauth2/v2.0/token`);
  n.l('ini', 'index-url = https://pypi.acme-corp.io/simple');
}

// --- Documentation placeholders in connection strings and commands ---------------------------------------
{
  const n = N('documented-placeholder-credential');
  n.l('md', 'export DATABASE_URL=postgres://user:password@localhost:5432/mydb');
  n.l('md', 'mysql -u root -p<password> shop < dump.sql');
  n.l('md', 'npm config set registry https://USERNAME:PASSWORD@npm.acme-corp.io/');
  n.l('md', 'export MONGODB_URI="mongodb+srv://<username>:<password>@cluster0.mongodb.net/app"');
  n.a('REDIS_URL', 'redis://:${REDIS_PASSWORD}@redis:6379/0', 'compose');
  n.l('md', 'docker run -d -e POSTGRES_PASSWORD=mysecretpassword -p 5432:5432 postgres:16');
  n.l('md', 'curl -u admin:admin http://localhost:8080/api/health');
  n.l('md', 'export AMQP_URL=amqp://guest:guest@localhost:5672/');
  n.l('mdtable', '| `DB_PASSWORD` | `your-db-password` | from the password manager |');
  n.l('md', 'pg_dump "postgresql://${PGUSER}:${PGPASSWORD}@${PGHOST}:5432/orders" > orders.sql');
  n.l('md', 'psql "host=localhost user=postgres password=<your password> dbname=app"');
  n.l('md', 'git clone https://<user>:<token>@github.com/acme-corp/infra.git');
}

// --- Short or low-entropy values -------------------------------------------------------------------------
{
  const n = N('low-entropy-value');
  n.a('ADMIN_PASSWORD', 'admin', 'py');
  n.a('CACHE_SECRET', 'abc', 'yaml');
  n.a('API_TOKEN', '1234', 'toml');
  n.a('API_KEY', '', 'env');
  n.a('PASSWORD', 'test', 'env');
  n.a('DB_PASSWORD', 'postgres', 'compose');
  n.l('py', 'secret = "secret"');
  n.l('yaml', '  api_key: null');
  n.l('yaml', "  password: ''");
  n.l('py', 'auth_token = None');
  n.l('py', 'SECRET_KEY = "dev"');
  n.l('json', '  "apiKey": "demo",');
  n.l('ts', "export const defaultPassword = '';");
  n.l('yaml', '  token: true');
  n.l('ini', 'password = root');
  n.l('sh', 'export REDIS_PASSWORD=redis');
}

// --- Regular expressions that describe token formats -----------------------------------------------------
{
  const n = N('regex-pattern');
  n.l('py', 'GITHUB_TOKEN_RE = re.compile(r"gh[pousr]_[A-Za-z0-9]{36}")');
  n.l('ts', 'const awsKeyPattern = /(A3T[A-Z0-9]|AKIA|ASIA)[A-Z2-7]{16}/;');
  n.l('yaml', "  pattern: 'sk_live_[0-9a-zA-Z]{24,99}'");
  n.l('json', '  "slackTokenRegex": "xox[abposr]-[0-9A-Za-z-]{10,72}",');
  n.l('go', '\tprivateKeyHeader = `-----BEGIN [A-Z ]*PRIVATE KEY-----`');
  n.l('rb', '  config.x.gitlab_token_format = /\\Aglpat-[0-9A-Za-z_-]{20}\\z/');
}

// --- Values fetched at run time --------------------------------------------------------------------------
{
  const n = N('runtime-lookup');
  n.l('py', 'password = getpass.getpass("Database password: ")');
  n.l('py', 'token = keyring.get_password("acme-deploy", "github")');
  n.l(
    'py',
    'STRIPE_KEY = boto3.client("secretsmanager").get_secret_value(SecretId="prod/stripe")["SecretString"]',
  );
  n.l('ts', "const { data } = await vault.read('secret/data/ci'); const npmToken = data.data.token;");
  n.l('py', 'api_key = settings.STRIPE_SECRET_KEY');
  n.l(
    'sh',
    'API_SECRET=$(aws ssm get-parameter --name /prod/api/secret --with-decryption --query Parameter.Value --output text)',
  );
  n.l('sh', 'export DB_PASSWORD="$(cat /run/secrets/db_password)"');
  M(
    'raw',
    [
      'Resources:',
      '  Db:',
      '    Type: AWS::RDS::DBInstance',
      '    Properties:',
      '      MasterUsername: admin',
      "      MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}'",
      '      ApiKey: !Ref ApiKeyParameter',
    ],
    [
      [5, 'neg', 'runtime-lookup'],
      [6, 'neg', 'runtime-lookup'],
    ],
    'infra/cloudformation/db.yaml',
  );
  n.l('yaml', '  password: ((db_password))');
  n.l('cs', '    public static string ReportsKey => KeyVault.GetSecret("reports-api-key").Value;');
  n.l('java', '    private final String apiKey = secrets.get("partner.api.key");');
  n.l('go', '\t// token, _ := client.Logical().Read("secret/data/edge") supplies edgeToken');
}

// --- Non-secret ids that look random -----------------------------------------------------------------------
{
  const n = N('non-secret-id');
  n.l('json', `  "_id": "${hex(24)}",`);
  n.a('CONTRACT_ADDRESS', '0x' + hex(40), 'env');
  n.a('AWS_ACCOUNT_ID', digits(12), 'gha');
  n.l('tf', `  kms_key_id = "arn:aws:kms:eu-west-1:${digits(12)}:key/${uuid()}"`);
  n.l('tf', `  vpc_id     = "vpc-${hex(17)}"`);
  n.l('tf', `  ami        = "ami-${hex(17)}"`);
  n.l('log', `@@TS@@ INFO  [ec2] launched instance i-${hex(17)} in subnet-${hex(17)}`);
  n.l('yaml', '  release: web@2.14.0+build.20250304.7');
  n.l('log', `@@TS@@ INFO  [trace] span_id=${hex(16)} trace_id=${hex(32)}`);
  n.l('ts', `export const amplitudeProjectKey = '${hex(32)}'; // public ingestion key, safe in the browser`);
  n.l('json', `  "deviceId": "${str(16, HEXU)}",`);
  n.l('sh', `gpg --recv-keys ${str(40, HEXU)}`);
}

// ---------------------------------------------------------------------------------------------------------
// Layout: shuffle, place each sample in a file of its language with a little filler in between, write out.
// ---------------------------------------------------------------------------------------------------------

for (let i = samples.length - 1; i > 0; i--) {
  const j = int(i + 1);
  [samples[i], samples[j]] = [samples[j], samples[i]];
}

const nextPath = {};
function placeIn(lang) {
  const spec = LANGS[lang];
  if (!spec || spec.paths.length === 0) throw new Error(`no files for language ${lang}`);
  nextPath[lang] = ((nextPath[lang] ?? -1) + 1) % spec.paths.length;
  return doc(spec.paths[nextPath[lang]], lang);
}
function filler(d) {
  const spec = LANGS[d.lang];
  if (!spec?.fill || spec.fill.length === 0) return;
  // Each filler line is used once per file (blank lines and generated log lines may repeat), so files do
  // not repeat keys.
  d.usedFill ??= new Set();
  const n = pick([0, 1, 1, 2]);
  for (let i = 0; i < n; i++) {
    const free = spec.fill.filter((f) => !d.usedFill.has(f));
    if (free.length === 0) return;
    const f = pick(free);
    if (typeof f !== 'function' && f !== '') d.usedFill.add(f);
    d.add(typeof f === 'function' ? f() : f);
  }
}

for (const s of samples) {
  let lang = s.lang;
  if (s.lines === undefined && lang === undefined) lang = ROTATION[rotation++ % ROTATION.length];
  const d = s.path ? doc(s.path, lang) : placeIn(lang);
  if (!s.path) filler(d);
  if (s.type === 'multi') {
    d.sample(s.lines, s.marks);
  } else if (s.lines !== undefined) {
    d.sample(s.lines, [[s.at, s.type, s.tag]]);
  } else {
    const r = LANGS[lang].assign(s.N, s.v);
    if (typeof r === 'string') d.sample([r], [[0, s.type, s.tag]]);
    else d.sample(r.lines, [[r.at, s.type, s.tag]]);
  }
}
for (const d of docs.values()) if (!d.lines.length || LANGS[d.lang]?.fill) filler(d);

rmSync(OUT, { recursive: true, force: true });
for (const d of docs.values()) {
  const file = join(OUT, d.path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, d.text());
}

const byPath = (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line);
labels.positives.sort(byPath);
labels.negatives.sort(byPath);
writeFileSync(join(OUT, 'labels.json'), JSON.stringify(labels, null, 1) + '\n');
writeFileSync(join(OUT, 'README.md'), CORPUS_README());

const count = (list, key) => {
  const m = {};
  for (const x of list) m[x[key]] = (m[x[key]] ?? 0) + 1;
  return m;
};
const pf = count(labels.positives, 'family');
const nk = count(labels.negatives, 'kind');
console.log(
  `wrote ${docs.size} files: ${labels.positives.length} positives in ${Object.keys(pf).length} families, ` +
    `${labels.negatives.length} negatives in ${Object.keys(nk).length} kinds -> ${OUT}`,
);

function CORPUS_README() {
  return `# Secrets scanner evaluation corpus

Labelled samples for measuring the precision and recall of Rampart's secrets scanner
(\`node bench/secrets/quality.mjs\`). Written by \`bench/secrets/make-corpus.mjs\`; do not edit by hand,
regenerate instead (the generator is deterministic, so the output only changes when the generator does).

## Provenance

Every value in this folder is **synthetic**: random bodies drawn from a fixed-seed PRNG, shaped like the
providers' published token formats (prefixes, lengths, alphabets and, for GitHub and npm tokens, a valid
CRC32 checksum). None of them is, or was, a live credential. The files, contexts and values were written for
this project; nothing here is copied from the test suites or corpora of gitleaks, TruffleHog, detect-secrets,
secretlint or any other project. The few well-known vendor documentation values among the negatives (for
example AWS's \`...EXAMPLE\` keys) are included precisely because they are public and harmless.

## Layout

The tree looks like a small monorepo (services, apps, infra, deploy, docs, logs, CI workflows) so that
samples appear in the contexts where secrets and their look-alikes really occur: assignments in several
languages, \`.env\` files, YAML/JSON/TOML/INI/properties configs, Terraform, Dockerfiles, shell scripts,
Markdown, CI workflows, Kubernetes manifests, HTTP request files and logs.

\`labels.json\` lists every sample:

- \`positives\`: \`{ path, line, family }\`: a line holding a real-looking credential that a scanner should report;
- \`negatives\`: \`{ path, line, kind }\`: a line holding a look-alike that a scanner should not report.

Lines are 1-based, paths are relative to this folder, and no line holds more than one sample. Multi-line
values (PEM blocks) are labelled on their \`BEGIN\` line. Every other line is filler that should not be
reported either; the benchmark counts a finding on any unlabelled line as a false positive.
`;
}
