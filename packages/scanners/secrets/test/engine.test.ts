import { ConfigError, scanText } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { hasValidBase62Crc32 } from '../src/checksum.js';
import { isPlaceholder } from '../src/engine.js';
import { shannonEntropy } from '../src/entropy.js';
import scanner from '../src/index.js';
import { RULES } from '../src/rules/index.js';

describe('shannonEntropy', () => {
  it('measures bits per character', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abab')).toBe(1);
    expect(shannonEntropy('0123456789abcdef')).toBe(4);
    expect(shannonEntropy('🔑🔒')).toBe(1); // code points, not UTF-16 units
  });
});

describe('hasValidBase62Crc32', () => {
  // Synthetic token whose checksum was computed independently (CRC32 of the 30 characters, base62).
  const token = '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';

  it('accepts a matching checksum, whatever the prefix', () => {
    expect(hasValidBase62Crc32(token)).toBe(true);
    expect(hasValidBase62Crc32(`npm_${token.slice(4)}`)).toBe(true);
  });

  it('rejects any changed character, and short input', () => {
    expect(hasValidBase62Crc32(`${token.slice(0, -1)}4`)).toBe(false);
    expect(hasValidBase62Crc32(`ghp_X${token.slice(5)}`)).toBe(false);
    expect(hasValidBase62Crc32('ghp_abc')).toBe(false);
  });
});

describe('isPlaceholder', () => {
  it.each([
    'AKIAIOSFODNN7EXAMPLE',
    'xxxxxxxxxxxxxxxxxxxx',
    '****',
    'aaaaaaaaaaaaaaaa',
    '${DB_PASSWORD}',
    '{{ .Values.token }}',
    '$API_TOKEN',
    '%API_TOKEN%',
    '<your-api-key>',
    'your_token_here',
    'changeme',
    'process.env.TOKEN',
    '0123456789abcdef',
  ])('%s is a placeholder', (value) => {
    expect(isPlaceholder(value)).toBe(true);
  });

  it.each([
    'qIYu65*9d1&ROGzY',
    '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',
    'p4ssw0rd-2024!x',
    'k7Qm2VwZr9Lp',
  ])('%s is a value', (value) => {
    expect(isPlaceholder(value)).toBe(false);
  });
});

describe('options', () => {
  const text = 'GH_TOKEN=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\npassword = "qIYu65*9d1&ROGzY"\n';

  it('allowlist drops matching secrets', async () => {
    const { findings } = await scanText(scanner, 'a.env', text, {
      scannerOptions: { allowlist: ['^ghp_Wq10'] },
    });
    expect(findings.map((f) => f.ruleId)).toEqual(['secrets/generic-secret-assignment']);
  });

  it('minEntropy overrides a rule threshold', async () => {
    const minEntropy = { 'secrets/generic-secret-assignment': 4.5, 'secrets/password-assignment': 4.5 };
    const { findings } = await scanText(scanner, 'a.env', text, { scannerOptions: { minEntropy } });
    expect(findings.map((f) => f.ruleId)).toEqual(['secrets/github-token']);
  });

  it('an invalid allowlist expression is a config error naming the entry', async () => {
    const scan = scanText(scanner, 'a.env', text, { scannerOptions: { allowlist: ['ok', '(unclosed'] } });
    await expect(scan).rejects.toThrow(ConfigError);
    await expect(scan).rejects.toThrow('scanner-config.secrets.allowlist[1]');
  });

  it('the schema only accepts entropy overrides for rules that measure entropy', () => {
    const schema = scanner.optionsSchema as {
      properties: { minEntropy: { propertyNames: { enum: string[] } } };
    };
    const measured = RULES.filter((r) => r.minEntropy !== undefined).map((r) => r.id);
    expect(schema.properties.minEntropy.propertyNames.enum.sort()).toEqual(measured.sort());
    expect(measured).toContain('secrets/generic-secret-assignment');
  });
});

describe('the generic rule', () => {
  it('skips a secret a specific rule reported, but not one whose rule is disabled', async () => {
    const text = 'api_key = "sk_live_7dt34t2FKpUGqBU2PLzEjXPuTxKMiJWbRGz6SSMH"';
    const all = await scanText(scanner, 'a.py', text);
    expect(all.findings.map((f) => f.ruleId)).toEqual(['secrets/stripe-secret-key']);
    const onlyGeneric = await scanText(scanner, 'a.py', text, {
      enabledRules: ['secrets/generic-secret-assignment'],
    });
    expect(onlyGeneric.findings.map((f) => f.ruleId)).toEqual(['secrets/generic-secret-assignment']);
  });
});

it('wants every file but lockfiles and source maps', () => {
  expect(scanner.files.include).toEqual(['**']);
  expect(scanner.files.exclude).toEqual(
    expect.arrayContaining(['package-lock.json', 'pnpm-lock.yaml', 'go.sum', '*.lock']),
  );
});

describe('fingerprints', () => {
  const pem = (body: string) => `-----BEGIN EC PRIVATE KEY-----\n${body}\n-----END EC PRIVATE KEY-----\n`;
  const keyA = 'MHcCAQEEIGq7uS0Jd2xV9pQ4mZr8tLw3nB6yKf1hXc5eD0aTgPoUoAoGCCqGSM49AwEHoUQDQgAE';
  const keyB = 'MHcCAQEEIN4vRw8sQk2LmT6zPx1cYb9hGf3dJa7eUo0iWn5tKr2SoAoGCCqGSM49AwEHoUQDQgAE';
  const fingerprint = async (text: string) =>
    (await scanText(scanner, 'deploy/key.pem', text)).findings[0]?.fingerprint;

  it('of a private key change when the key body changes, though the reported header does not', async () => {
    expect(await fingerprint(pem(keyA))).toBeDefined();
    expect(await fingerprint(pem(keyA))).toBe(await fingerprint(`\n\n${pem(keyA)}`));
    expect(await fingerprint(pem(keyA))).not.toBe(await fingerprint(pem(keyB)));
  });
});

describe('inline marker', () => {
  it("tells core whether a text holds an inline marker, from the prefilter's pass", async () => {
    // Built from parts, so that a scan of this repository does not take these for markers of its own.
    const marker = ['rampart', 'ignore:'].join('-');
    const all = new Set(RULES.map((r) => r.id));
    const fileScanner = await scanner.createFileScanner!({ options: {}, enabledRules: all });
    const outcome = (text: string) => fileScanner.scanFile({ path: 'a.ts', text }, () => undefined);
    // No keyword at all, rule keywords only, and the marker (any case) with or without rule keywords.
    expect(await outcome('const a = 1;\n')).toEqual({ inlineMarker: false });
    expect(await outcome('const secret = process.env.SECRET; // token\n')).toEqual({ inlineMarker: false });
    expect(await outcome(`x(); // ${marker} sast/x reviewed\n`)).toEqual({ inlineMarker: true });
    expect(await outcome(`const secret = 1; // ${marker.toUpperCase()} secrets/* reviewed\n`)).toEqual({
      inlineMarker: true,
    });
    // A long text goes through WebAssembly; the marker at its very end is still seen.
    const long = `${'let value = 42;\n'.repeat(20_000)}// ${marker} x/y z`;
    expect(await outcome(long)).toEqual({ inlineMarker: true });
    expect(await outcome(long.slice(0, -25))).toEqual({ inlineMarker: false });
  });
});
