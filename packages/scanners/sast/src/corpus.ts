/**
 * Scores the analysis on a labelled corpus (`test/fixtures/corpus/<class>/{ng,ok}.<case>`): used by the
 * corpus test and `bench/sast/quality.mjs`.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineIndex } from '@rampart/core/model';
import { analyze } from './analyze.js';
import { SYNTACTIC_RULES } from './rules/syntactic/index.js';

export interface ClassScore {
  name: string;
  ng: number;
  ok: number;
  tp: number;
  fp: number;
  fn: number;
  /** Findings of other classes in this class's cases. */
  other: number;
}

const MARKER = /\/\/ vuln\b|\/\* vuln \*\/|<!-- vuln -->/;
const SOURCE = /\.(?:[cm]?[jt]sx?|vue|svelte)$/;

function caseFiles(path: string): { path: string; text: string }[] {
  if (!statSync(path).isDirectory())
    return [{ path: path.slice(path.lastIndexOf('/') + 1), text: readFileSync(path, 'utf8') }];
  const out: { path: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push({ path: relative(path, full).split('\\').join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  walk(path);
  return out;
}

export function evaluateCorpus(
  root: string,
  options: { only?: string } = {},
): { classes: ClassScore[]; details: string[] } {
  const classes: ClassScore[] = [];
  const details: string[] = [];
  for (const name of readdirSync(root).sort()) {
    if (options.only && name !== options.only) continue;
    const dir = join(root, name);
    if (!statSync(dir).isDirectory()) continue;
    const score: ClassScore = { name, ng: 0, ok: 0, tp: 0, fp: 0, fn: 0, other: 0 };
    for (const entry of readdirSync(dir).sort()) {
      const kind = entry.startsWith('ng.') ? 'ng' : entry.startsWith('ok.') ? 'ok' : undefined;
      if (!kind) continue;
      score[kind]++;
      const all = caseFiles(join(dir, entry));
      const sources = all.filter((f) => SOURCE.test(f.path));
      const configs = all.filter((f) => f.path.endsWith('.json'));
      const analysis = analyze(sources, configs, {
        timeoutMs: 5000,
        skipVendored: false,
        syntacticRules: SYNTACTIC_RULES,
      });
      const markers = new Set<string>();
      const indexes = new Map<string, LineIndex>();
      for (const file of sources) {
        const index = new LineIndex(file.text);
        indexes.set(file.path, index);
        file.text.split('\n').forEach((line, i) => {
          if (MARKER.test(line)) markers.add(`${file.path}:${i + 1}`);
        });
      }
      const hit = new Set<string>();
      const falsePositives = new Set<string>();
      for (const finding of analysis.findings) {
        const line = indexes.get(finding.path)?.position(finding.start).line ?? 0;
        const key = `${finding.path}:${line}`;
        if (finding.family !== name) {
          score.other++;
          details.push(`OTHER ${name}/${entry} ${key} ${finding.ruleId}`);
          continue;
        }
        if (markers.has(key)) hit.add(key);
        else if (!falsePositives.has(key)) {
          falsePositives.add(key);
          details.push(`FP ${name}/${entry} ${key} ${finding.message}`);
        }
      }
      for (const note of analysis.notes) details.push(`NOTE ${name}/${entry} ${note.path} ${note.message}`);
      score.tp += hit.size;
      score.fp += falsePositives.size;
      for (const marker of markers)
        if (!hit.has(marker)) {
          score.fn++;
          details.push(`FN ${name}/${entry} ${marker}`);
        }
    }
    classes.push(score);
  }
  return { classes, details };
}
