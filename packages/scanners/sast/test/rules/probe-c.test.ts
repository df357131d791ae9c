import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { parseFile } from '../../src/frontend/parse.js';
import { SYNTACTIC_RULES, runSyntacticRules } from '../../src/rules/syntactic/index.js';

const root = join(import.meta.dirname, '../fixtures/corpus');
const FAMILIES = (process.env.FAMILIES ?? 'jwt,weak-crypto,insecure-random,tls-disabled,permissive-cors,insecure-cookie,xxe').split(',');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(?:[cm]?[jt]sx?|vue|svelte)$/.test(name) ? [path] : [];
  });
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

it('probe', () => {
  const out: string[] = [];
  let tp = 0, fp = 0, fn = 0;
  for (const family of FAMILIES) {
    let dir: string;
    try { dir = join(root, family); statSync(dir); } catch { continue; }
    for (const path of files(dir)) {
      const text = readFileSync(path, 'utf8');
      const expected = new Set<number>();
      text.split('\n').forEach((line, i) => { if (/\/[/*]\s*vuln\b/.test(line)) expected.add(i + 1); });
      const got = new Map<number, string>();
      try {
        const file = parseFile(path, text);
        runSyntacticRules(file, SYNTACTIC_RULES.filter((r) => r.meta.family === family), (rule, f) => {
          got.set(lineOf(text, f.start), `${rule.meta.id}: ${f.message}`);
        });
      } catch (error) { out.push(`PARSE ${path} ${String(error)}`); continue; }
      const rel = path.slice(root.length + 1);
      for (const [line, msg] of got) {
        if (expected.has(line)) tp++; else { fp++; out.push(`FP ${rel}:${line} ${msg}`); }
      }
      for (const line of expected) if (!got.has(line)) { fn++; out.push(`FN ${rel}:${line} ${text.split('\n')[line - 1]!.trim()}`); }
    }
  }
  console.log(out.join('\n') + `\nTP ${tp} FP ${fp} FN ${fn}`);
});
