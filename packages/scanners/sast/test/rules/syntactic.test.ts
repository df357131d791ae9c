import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../../src/frontend/parse.js';
import type { SyntacticRule } from '../../src/rules/rule.js';
import { SYNTACTIC_RULES } from '../../src/rules/syntactic/index.js';
import { runSyntacticRules } from '../../src/rules/syntactic/run.js';
import { words } from '../../src/rules/syntactic/support/util.js';
import { weakOriginPattern } from '../../src/rules/syntactic/permissive-cors.js';
import { weakCipherName } from '../../src/rules/syntactic/weak-cipher.js';

const RULES_DIR = join(import.meta.dirname, '../../src/rules/syntactic');
const FIXTURES_DIR = join(import.meta.dirname, '../fixtures/rules');
/** Files of the rules folder that are not rules. */
const NOT_RULES = new Set(['index.ts', 'run.ts']);

/** 1-based line of an offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Lines whose text ends with a `// vuln` marker. */
function markedLines(text: string): number[] {
  const lines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trimEnd().endsWith('// vuln')) lines.push(i + 1);
  });
  return lines;
}

interface Reported {
  line: number;
  message: string;
}

function run(rule: SyntacticRule, path: string, text: string): Reported[] {
  const file = parseFile(path, text);
  const out: Reported[] = [];
  runSyntacticRules(file, [rule], (by, finding) => {
    expect(by).toBe(rule);
    expect(finding.start).toBeGreaterThanOrEqual(0);
    expect(finding.end).toBeGreaterThanOrEqual(finding.start);
    expect(finding.end).toBeLessThanOrEqual(text.length);
    expect(finding.message.length).toBeGreaterThan(0);
    out.push({ line: lineAt(text, finding.start), message: finding.message });
  });
  return out;
}

const sortedLines = (lines: Iterable<number>) => [...new Set(lines)].sort((a, b) => a - b);

function ruleName(rule: SyntacticRule): string {
  return rule.meta.id.slice('sast/'.length);
}

describe('SYNTACTIC_RULES', () => {
  it('holds every rule file of the folder, once, sorted by id', async () => {
    const files = readdirSync(RULES_DIR).filter((name) => name.endsWith('.ts') && !NOT_RULES.has(name));
    expect(files.length).toBe(SYNTACTIC_RULES.length);
    for (const name of files) {
      const module = (await import(pathToFileURL(join(RULES_DIR, name)).href)) as { rule?: SyntacticRule };
      expect(module.rule, name).toBeDefined();
      expect(SYNTACTIC_RULES).toContain(module.rule);
      expect(module.rule!.meta.id).toBe(`sast/${basename(name, '.ts')}`);
    }
    const ids = SYNTACTIC_RULES.map((rule) => rule.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
  });

  it.each(SYNTACTIC_RULES.map((rule) => [rule.meta.id, rule] as const))(
    '%s has complete metadata',
    (_id, rule) => {
      const { meta } = rule;
      expect(meta.id).toMatch(/^sast\/[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(meta.family).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
      expect(meta.title.length).toBeGreaterThan(10);
      expect(['critical', 'high', 'medium', 'low', 'info']).toContain(meta.severity);
      expect(meta.cwe.length).toBeGreaterThan(0);
      for (const cwe of meta.cwe) expect(cwe).toMatch(/^CWE-\d+$/);
      expect(meta.description.length).toBeGreaterThan(80);
      expect(meta.help.fix.length).toBeGreaterThan(20);
      expect(meta.references.length).toBeGreaterThan(0);
      for (const reference of meta.references) expect(reference).toMatch(/^https:\/\//);
      expect(meta.tags?.some((tag) => /^owasp:A\d\d:2021$/.test(tag))).toBe(true);
      expect(meta.precision).toBeDefined();
    },
  );

  it('has a fixture folder per rule and no other', () => {
    const folders = readdirSync(FIXTURES_DIR).sort();
    expect(folders).toEqual(SYNTACTIC_RULES.map(ruleName).sort());
  });
});

describe.each(SYNTACTIC_RULES.map((rule) => [rule.meta.id, rule] as const))('%s', (_id, rule) => {
  const dir = join(FIXTURES_DIR, ruleName(rule));
  const fixtures = readdirSync(dir).sort();

  it('has at least three vulnerable and three safe fixtures', () => {
    expect(fixtures.filter((name) => name.startsWith('ng.')).length).toBeGreaterThanOrEqual(3);
    expect(fixtures.filter((name) => name.startsWith('ok.')).length).toBeGreaterThanOrEqual(3);
    for (const name of fixtures) expect(name).toMatch(/^(?:ng|ok)\.[a-z0-9-]+\.(?:[cm]?[jt]s|[jt]sx)$/);
  });

  it.each(fixtures)('%s: reports exactly the // vuln lines', (name) => {
    const text = readFileSync(join(dir, name), 'utf8');
    const expected = markedLines(text);
    if (name.startsWith('ng.')) expect(expected.length).toBeGreaterThan(0);
    else expect(expected).toEqual([]);
    const reported = run(rule, name, text);
    expect(sortedLines(reported.map((finding) => finding.line))).toEqual(expected);
  });

  it('flags its help.bad example and not its help.good example', () => {
    expect(run(rule, 'example.ts', rule.meta.help.bad).length).toBeGreaterThan(0);
    expect(run(rule, 'example.ts', rule.meta.help.good)).toEqual([]);
  });
});

describe('runSyntacticRules', () => {
  it('runs every rule once and attributes each finding to its rule', () => {
    const text =
      "import jwt from 'jsonwebtoken';\nexport const t = jwt.sign({}, 'literal');\nconst sessionToken = Math.random();\n";
    const seen: string[] = [];
    runSyntacticRules(parseFile('a.ts', text), SYNTACTIC_RULES, (rule) => seen.push(rule.meta.id));
    expect(seen.sort()).toEqual(['sast/insecure-random', 'sast/jwt-hardcoded-secret']);
  });
});

describe('scaling', () => {
  it('stays fast on a large file with many candidate sites', () => {
    const chunks: string[] = ["import jwt from 'jsonwebtoken';", "import crypto from 'node:crypto';"];
    for (let i = 0; i < 1500; i++) {
      chunks.push(
        `function helper${i}(n) { let out = ''; for (let k = 0; k < n; k++) out += Math.random().toString(36); return out; }`,
        `const value${i} = helper${i}(8) + helper${i % 7}(4);`,
        `function route${i}(req, res) { const origin = req.headers.origin; res.setHeader('Access-Control-Allow-Origin', origin); res.cookie('sid' + ${i}, value${i}); return jwt.verify(req.query.t, 'k', { algorithms: ['HS256'] }); }`,
        `const digest${i} = crypto.createHash('sha256').update(String(value${i})).digest('hex');`,
      );
    }
    const text = chunks.join('\n');
    const file = parseFile('big.js', text);
    const started = performance.now();
    let findings = 0;
    runSyntacticRules(file, SYNTACTIC_RULES, () => findings++);
    expect(findings).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('helpers', () => {
  it('splits identifiers into words', () => {
    expect(words('resetToken')).toEqual(['reset', 'token']);
    expect(words('API_KEY')).toEqual(['api', 'key']);
    expect(words('XMLHttpRequest')).toEqual(['xml', 'http', 'request']);
    expect(words('x-csrf-token')).toEqual(['x', 'csrf', 'token']);
    expect(words('sha256sum')).toEqual(['sha', '256', 'sum']);
    expect(words('authorName')).toEqual(['author', 'name']);
  });

  it.each([
    ['example\\.com$', 'not anchored with ^'],
    ['^https:\\/\\/example\\.com', 'not anchored with $'],
    ['^https:\\/\\/www.example\\.com$', 'unescaped dot'],
    ['^https:\\/\\/a\\.com$|b\\.com$', 'not anchored with ^'],
    ['.*example\\.com$', 'not anchored with ^'],
  ])('origin pattern /%s/ is weak (%s)', (pattern, problem) => {
    expect(weakOriginPattern(pattern)).toContain(problem);
  });

  it.each([
    '^https:\\/\\/example\\.com$',
    '\\.example\\.com$',
    '^https:\\/\\/([a-z0-9-]+\\.)*example\\.com$',
    '^(https:\\/\\/a\\.com|https:\\/\\/b\\.com)$',
    'https?:\\/\\/example\\.com$',
    '[a-z]+\\.example\\.com$',
  ])('origin pattern /%s/ is fine', (pattern) => {
    expect(weakOriginPattern(pattern)).toBeUndefined();
  });

  it('classifies cipher names', () => {
    for (const weak of [
      'des',
      'des-ede3-cbc',
      'DES-EDE3',
      'rc4',
      'rc2-cbc',
      'bf-cbc',
      'blowfish',
      'cast5-cbc',
      'aes-128-ecb',
      'idea-cbc',
    ])
      expect(weakCipherName(weak), weak).toBeDefined();
    for (const strong of ['aes-256-gcm', 'aes-128-cbc', 'chacha20-poly1305', 'aes-256-ctr', 'id-aes256-GCM'])
      expect(weakCipherName(strong), strong).toBeUndefined();
  });
});
