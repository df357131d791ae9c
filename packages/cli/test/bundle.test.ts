import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { SCANNER_REGISTRY } from '../src/registry.js';

// The bundled CLI (scripts/bundle.mjs, run by `npm run build`), which bin/rampart.js loads when present.
// Every end-to-end test runs through it; these tests check what only the bundle can get wrong.
const run = promisify(execFile);
const packages = fileURLToPath(new URL('../../', import.meta.url));
const bundle = join(packages, 'cli', 'dist', 'bundle');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
}
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as PackageJson;

/** The workspace packages the bundle holds: every package.json under packages/ but the web client. */
function workspacePackages(): PackageJson[] {
  const dirs = ['core', 'reporters', 'cli', 'server', ...SCANNER_REGISTRY.map((s) => `scanners/${s.id}`)];
  return dirs.map((d) => readJson(join(packages, d, 'package.json')));
}

/**
 * Bare specifiers the bundle still loads at run time, as package names: `imported` by import
 * statements and expressions, `resolved` through createRequire (a module or a data file).
 */
function externalPackages(): { imported: Set<string>; resolved: Set<string> } {
  const imported = new Set<string>();
  const resolved = new Set<string>();
  const specifier =
    /(?:(?<![\w.$])(?:from|import)\s*\(?\s*|(createRequire)\([^()]*\)(?:\.resolve)?\(\s*)"((?:node:|@[\w.-]+\/)?\w[\w.-]*(?:\/[\w.-]+)*)"/g;
  for (const file of readdirSync(bundle).filter((f) => f.endsWith('.js'))) {
    for (const match of readFileSync(join(bundle, file), 'utf8').matchAll(specifier)) {
      const spec = match[2]!;
      if (spec.startsWith('node:')) continue;
      const parts = spec.split('/');
      (match[1] ? resolved : imported).add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
    }
  }
  return { imported, resolved };
}

async function rampart(cwd: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { run } = await import(${JSON.stringify(new URL(`file://${bundle}/main.js`).href)});` +
          'process.exitCode = await run(process.argv.slice(1));',
        '--',
        ...args,
      ],
      { cwd, env: { ...process.env, CI: 'true' } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('bundled CLI', () => {
  it('has an entry for the CLI, the worker thread and every registered scanner', () => {
    for (const name of ['main', 'worker', ...SCANNER_REGISTRY.map((s) => `scanner-${s.id}`)]) {
      expect(existsSync(join(bundle, `${name}.js`)), name).toBe(true);
    }
  });

  it('holds all of our own code and imports only dependencies the CLI package declares', () => {
    const { imported, resolved } = externalPackages();
    expect(imported.size).toBeGreaterThan(5);
    expect([...imported].filter((name) => name.startsWith('@rampart/'))).toEqual([]);
    // A published install resolves the bundle's imports from @rampart/cli's own dependencies, so each
    // must be declared there, with the range the bundled package asks for. (Our own packages are
    // resolved only for their data files: reporters' schemas, the dashboard's assets.)
    const cli = readJson(join(packages, 'cli', 'package.json'));
    const wanted = new Map<string, string>();
    for (const pkg of workspacePackages()) {
      for (const [name, range] of Object.entries(pkg.dependencies ?? {})) wanted.set(name, range);
    }
    for (const name of [...imported, ...resolved]) {
      expect(wanted.has(name), `${name} is not a dependency of any bundled package`).toBe(true);
      expect(cli.dependencies?.[name], `@rampart/cli must depend on ${name}`).toBe(wanted.get(name));
    }
  });

  it('ships the licence of every dependency bundled into it', () => {
    const text = readFileSync(join(bundle, 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    const bundled = [...text.matchAll(/^(@?[\w.-]+(?:\/[\w.-]+)?) (\d[\w.+-]*) \(([\w.-]+)\)$/gm)].map(
      (m) => ({
        name: m[1]!,
        licence: m[3]!,
      }),
    );
    expect(bundled.map((b) => b.name)).toContain('commander');
    for (const { name, licence } of bundled) {
      expect(licence, name).toMatch(/^(?:MIT|ISC|Apache-2\.0|BSD-2-Clause|BSD-3-Clause|0BSD)$/);
      // Bundled means not loaded from node_modules as well.
      expect(externalPackages().imported.has(name), name).toBe(false);
    }
  });

  it('reports the CLI version without its package.json beside it', async () => {
    const res = await rampart(packages, '--version');
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toContain(readJson(join(packages, 'cli', 'package.json')).version);
  });

  it('reads a config file with the YAML parser bundled into it, errors with their line', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rampart-bundle-'));
    dirs.push(root);
    writeFileSync(join(root, 'a.txt'), 'nothing here\n');
    writeFileSync(join(root, 'rampart.yml'), 'version: 1\nfail-on: low\n');
    const ok = await rampart(root, 'scan', '.', '--scanners', 'secrets', '--progress', 'never');
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    writeFileSync(join(root, 'rampart.yml'), 'version: 1\nfail-on: sometimes\n');
    const bad = await rampart(root, 'scan', '.', '--scanners', 'secrets', '--progress', 'never');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/rampart\.yml:2/);
  });

  it('scans with the worker pool: worker and scanner entries load from the bundle', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rampart-bundle-'));
    dirs.push(root);
    // More files than the pool's threshold (400), so a worker thread scans part of the tree.
    for (let d = 0; d < 10; d++) {
      mkdirSync(join(root, `dir${d}`));
      for (let f = 0; f < 50; f++) {
        writeFileSync(join(root, `dir${d}`, `file${f}.js`), `export const value${f} = ${d * 50 + f};\n`);
      }
    }
    const key = ['AKIA', 'Z7QW3RT5YUI9OPLK'].join(''); // synthetic canary, split so no scanner sees it here
    writeFileSync(join(root, 'dir9', 'config.js'), `export const aws = '${key}';\n`);
    const res = await rampart(
      root,
      'scan',
      '.',
      '--scanners',
      'secrets',
      '--format',
      'json',
      '--progress',
      'never',
    );
    expect(res.stderr).not.toMatch(/internal error/);
    const report = JSON.parse(res.stdout) as { findings: { ruleId: string; location: { path: string } }[] };
    expect(report.findings.map((f) => [f.ruleId, f.location.path])).toEqual([
      ['secrets/aws-access-key-id', 'dir9/config.js'],
    ]);
    expect(res.code).toBe(1);
  });
});
