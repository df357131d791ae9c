/**
 * Whole-project behaviour: parse errors, minified and vendored files, the per-file time budget, and
 * deterministic output.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import type { SourceText } from '../../src/engine/project.js';
import { hits, scan } from '../support/taint.js';

const VULNERABLE = `const { exec } = require('child_process');
app.get('/run', (req, res) => {
  exec(req.query.cmd);
});
`;

/** One long line per statement: looks minified (over 4000 characters, over 300 per line). */
function minified(): string {
  const filler = `var a=${JSON.stringify('x'.repeat(60))};`.repeat(100);
  return `const {exec}=require('child_process');function h(req){exec(req.query.cmd)}${filler}\n`;
}

describe('parse errors', () => {
  it('reports a file that does not parse with the offset of the error and analyses the others', () => {
    const broken = `const limit = 10;
const total = ;
`;
    const analysis = scan({ 'src/broken.js': broken, 'src/app.js': VULNERABLE });
    expect(analysis.notes).toHaveLength(1);
    const [note] = analysis.notes;
    expect(note).toMatchObject({ path: 'src/broken.js', code: 'parse-error' });
    expect(note!.offset).toBe(broken.indexOf(';', broken.indexOf('total')));
    expect(analysis.findings.map((f) => `${f.ruleId} ${f.path}`)).toEqual([
      'sast/command-injection src/app.js',
    ]);
  });
});

describe('vendored and minified code', () => {
  it('skips a minified file with a note', () => {
    const analysis = scan({ 'public/bundle.min.js': minified(), 'src/app.js': VULNERABLE });
    expect(analysis.notes).toEqual([
      expect.objectContaining({ path: 'public/bundle.min.js', code: 'skipped-minified' }),
    ]);
    expect(analysis.findings.map((f) => f.path)).toEqual(['src/app.js']);
  });

  it('skips vendored folders with a note', () => {
    const analysis = scan({
      'vendor/legacy.js': VULNERABLE,
      'node_modules/left-pad/index.js': VULNERABLE,
      'static/third_party/widget.js': VULNERABLE,
      'src/app.js': VULNERABLE,
    });
    expect(analysis.notes.map((n) => `${n.code} ${n.path}`)).toEqual([
      'skipped-vendored node_modules/left-pad/index.js',
      'skipped-vendored static/third_party/widget.js',
      'skipped-vendored vendor/legacy.js',
    ]);
    expect(analysis.findings.map((f) => f.path)).toEqual(['src/app.js']);
  });

  it('analyses vendored and minified files with skipVendored: false', () => {
    const files = { 'vendor/legacy.js': VULNERABLE, 'public/bundle.min.js': minified() };
    const analysis = scan(files, { skipVendored: false });
    expect(analysis.notes).toEqual([]);
    expect(analysis.findings.map((f) => `${f.ruleId} ${f.path}`)).toEqual([
      'sast/command-injection public/bundle.min.js',
      'sast/command-injection vendor/legacy.js',
    ]);
  });

  it('does not treat a short file with long lines as minified', () => {
    const short = `const { exec } = require('child_process'); function h(req) { exec(req.query.cmd); } // ${'-'.repeat(400)}\n`;
    expect(hits({ 'src/oneliner.js': short })).toEqual(['sast/command-injection src/oneliner.js:1']);
  });
});

describe('time budget', () => {
  it('reports a file that runs over its budget as skipped-timeout without crashing', () => {
    let big = "const { exec } = require('child_process');\n";
    for (let i = 0; i < 2000; i++)
      big += `function handler${i}(req) { const v = req.query.a + '${i}'; if (v.length > ${i}) exec(v); return v; }\n`;
    const analysis = scan({ 'src/generated.js': big, 'src/app.js': VULNERABLE }, { timeoutMs: 1 });
    expect(analysis.notes).toEqual([
      expect.objectContaining({ path: 'src/generated.js', code: 'skipped-timeout' }),
    ]);
    expect(analysis.notes[0]!.message).toContain('1 ms');
    // The small file is still analysed.
    expect(
      analysis.findings.some((f) => f.path === 'src/app.js' && f.ruleId === 'sast/command-injection'),
    ).toBe(true);
  });
});

describe('determinism', () => {
  const files: SourceText[] = [
    {
      path: 'src/routes/users.js',
      text: `const { lookup } = require('../db/users');
const { render } = require('../views/page');
app.get('/users', async (req, res) => {
  const rows = await lookup(req.query.name);
  res.send(render(req.query.title, rows));
});
app.get('/go', (req, res) => res.redirect(req.query.next));
`,
    },
    {
      path: 'src/db/users.js',
      text: `exports.lookup = (name) => pool.query("SELECT * FROM users WHERE name = '" + name + "'");
`,
    },
    {
      path: 'src/views/page.js',
      text: `exports.render = (title, rows) => '<h1>' + title + '</h1>' + rows.length;
`,
    },
    {
      path: 'src/files.js',
      text: `const fs = require('fs');
app.get('/file', (req, res) => {
  fs.readFile('/srv/' + req.query.a, () => {});
  fs.readFile('/srv/' + req.query.b, () => {});
});
`,
    },
    {
      path: 'src/admin.js',
      text: `const { lookup } = require('./db/users');
app.get('/admin', (req, res) => lookup(req.headers['x-user']));
`,
    },
    { path: 'src/broken.js', text: 'const = 1;\n' },
  ];
  const run = (order: readonly SourceText[]) =>
    analyze(order, [], { timeoutMs: 60_000, skipVendored: true, syntacticRules: [] });

  it('gives the same findings, in the same order, whatever the order of the input files', () => {
    const forward = run(files);
    const backward = run([...files].reverse());
    const rotated = run([...files.slice(2), ...files.slice(0, 2)]);
    expect(forward.findings.length).toBeGreaterThanOrEqual(5);
    expect(backward.findings).toEqual(forward.findings);
    expect(rotated.findings).toEqual(forward.findings);
    expect(backward.notes).toEqual(forward.notes);
  });

  it('shows, for a sink reached from several files, the source first in path order', () => {
    for (const order of [files, [...files].reverse()]) {
      const sql = run(order).findings.filter((f) => f.ruleId === 'sast/sql-injection');
      expect(sql).toHaveLength(1);
      expect(sql[0]!.path).toBe('src/db/users.js');
      expect(sql[0]!.steps![0]!.file).toBe('src/admin.js');
    }
  });

  it('sorts findings by path, then offset', () => {
    const { findings } = run(files);
    const keys = findings.map((f) => [f.path, f.start] as const);
    const sorted = [...keys].sort((a, b) => (a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] - b[1]));
    expect(keys).toEqual(sorted);
  });
});
