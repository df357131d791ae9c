import { describe, expect, it } from 'vitest';
import { ConfigError, configJsonSchema, loadConfig, parseSize, UsageError } from '../src/index.js';
import { tempTree } from './support/helpers.js';

function load(
  files: Record<string, string>,
  env: Record<string, string> = {},
  flags: Record<string, string | string[] | boolean> = {},
) {
  const t = tempTree(files);
  try {
    return loadConfig({ root: t.root, cwd: t.root, env, flags });
  } finally {
    t.cleanup();
  }
}

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('uses defaults when there is no file', () => {
    const { config, file } = load({});
    expect(file).toBeUndefined();
    expect(config.failOn).toBe('high');
    expect(config.format).toEqual(['table']);
    expect(config.maxFileSize).toBe(10 * 1024 * 1024);
    expect(config.skip).toEqual(['binary', 'vendored', 'minified', 'generated']);
  });

  it('applies precedence defaults < file < env < flags', () => {
    const files = { 'rampart.yml': 'fail-on: low\njobs: 3\nexclude: [a]\nmax-file-size: 2MB\n' };
    expect(load(files).config).toMatchObject({
      failOn: 'low',
      jobs: 3,
      exclude: ['a'],
      maxFileSize: 2 * 1024 * 1024,
    });
    expect(load(files, { RAMPART_FAIL_ON: 'medium', RAMPART_EXCLUDE: 'b,c' }).config).toMatchObject({
      failOn: 'medium',
      jobs: 3,
      exclude: ['b', 'c'],
    });
    expect(
      load(files, { RAMPART_FAIL_ON: 'medium' }, { 'fail-on': 'critical', jobs: '1' }).config,
    ).toMatchObject({ failOn: 'critical', jobs: 1 });
  });

  it('finds .rampart.yml too', () => {
    expect(load({ '.rampart.yml': 'fail-on: none\n' }).config.failOn).toBe('none');
  });

  it('reports every problem at once with file:line', () => {
    const issues = issuesOf(() =>
      load({
        'rampart.yml': [
          'version: 1',
          'fail-on: severe',
          'jobs: -1',
          'unknown-key: 1',
          'format: [table, pdf]',
          'max-file-size: big',
        ].join('\n'),
      }),
    );
    const byKey = Object.fromEntries(issues.map((i) => [i.key, i]));
    expect(byKey['fail-on']).toMatchObject({
      line: 2,
      message: expect.stringContaining('one of critical, high'),
    });
    expect(byKey.jobs).toMatchObject({ line: 3 });
    expect(byKey['unknown-key']).toMatchObject({ line: 4, message: 'unknown key' });
    expect(byKey['format[1]']).toMatchObject({ line: 5 });
    expect(byKey['max-file-size']).toMatchObject({ line: 6, message: expect.stringContaining('size') });
    expect(issues.every((i) => i.source.endsWith('rampart.yml'))).toBe(true);
  });

  it('reports YAML syntax errors with a line', () => {
    const issues = issuesOf(() => load({ 'rampart.yml': 'fail-on: high\nexclude: [a, b\njobs: 2\n' }));
    expect(issues[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('rejects duplicate keys', () => {
    const issues = issuesOf(() => load({ 'rampart.yml': 'fail-on: high\nfail-on: low\n' }));
    expect(issues[0]!.line).toBe(2);
  });

  it('reports bad environment values and flags by name', () => {
    const issues = issuesOf(() =>
      load({}, { RAMPART_JOBS: 'many', RAMPART_GITIGNORE: 'maybe' }, { 'fail-on': 'nope' }),
    );
    expect(issues.map((i) => i.source).sort()).toEqual(['--fail-on', 'RAMPART_GITIGNORE', 'RAMPART_JOBS']);
  });

  it('parses maps from flags and files', () => {
    expect(load({}, {}, { 'max-findings': ['5', 'high=0'] }).config.maxFindings).toEqual({
      total: 5,
      high: 0,
    });
    expect(load({ 'rampart.yml': 'max-findings: 7\n' }).config.maxFindings).toEqual({ total: 7 });
    expect(issuesOf(() => load({}, {}, { 'max-findings': ['urgent=1'] }))[0]!.source).toBe('--max-findings');
  });

  it('errors when an explicit config file is missing', () => {
    expect(() => load({}, {}, { config: 'nope.yml' })).toThrow(UsageError);
  });

  it('accepts an empty file', () => {
    expect(load({ 'rampart.yml': '# nothing\n' }).config.failOn).toBe('high');
  });

  it('parses sizes', () => {
    expect(parseSize('512KB')).toBe(512 * 1024);
    expect(parseSize('1.5 MB')).toBe(1.5 * 1024 * 1024);
    expect(parseSize('100')).toBe(100);
    expect(parseSize('12 parsecs')).toBeUndefined();
  });

  it('publishes a draft-07 schema with every file option', () => {
    const schema = configJsonSchema() as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toContain('fail-on');
    expect(Object.keys(schema.properties)).not.toContain('debug');
  });
});
