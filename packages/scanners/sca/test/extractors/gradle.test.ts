import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lockExtractor, verificationExtractor } from '../../src/extractors/gradle/extract.js';
import { isShippedConfiguration, parseLockLine } from '../../src/extractors/gradle/schema.js';
import { ExtractError, lineAt } from '../../src/model.js';
import { extractFile, runCase, sharedCases } from '../support/conformance.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/gradle/${name}`, import.meta.url));

describe('gradle.lockfile', () => {
  it('reads modules with a scope from their configurations', async () => {
    const { packages } = await extractFile(lockExtractor, fixture('gradle.lockfile'));
    expect(packages.map((p) => [p.id, p.scope])).toEqual([
      ['androidx.test:core@1.5.0', 'dev'],
      ['com.fasterxml.jackson.core:jackson-databind@2.15.2', 'prod'],
      ['com.google.errorprone:error_prone_annotations@2.21.1', 'dev'],
      ['com.squareup.okhttp3:okhttp@4.12.0', 'prod'],
      ['junit:junit@4.13.2', 'dev'],
      ['org.hamcrest:hamcrest-core@1.3', 'dev'],
      ['org.springframework.boot:spring-boot-devtools@3.1.5', 'prod'],
    ]);
    for (const p of packages) {
      expect(p.ecosystem).toBe('Maven');
      expect(p.depGroups).toEqual([]);
      expect(p.direct).toBeUndefined();
    }
  });

  it('spans each line', async () => {
    const text = readFileSync(fixture('gradle.lockfile'), 'utf8');
    const { packages } = await extractFile(lockExtractor, fixture('gradle.lockfile'));
    const junit = packages.find((p) => p.name === 'junit:junit');
    expect(text.slice(junit?.start, junit?.end)).toBe(
      'junit:junit:4.13.2=testCompileClasspath,testRuntimeClasspath',
    );
    expect(lineAt(text, junit?.start ?? 0)).toBe(6);
  });

  it('treats the buildscript lockfile (CRLF) as build tooling', async () => {
    const text = readFileSync(fixture('buildscript-gradle.lockfile'), 'utf8');
    const { packages } = await extractFile(lockExtractor, fixture('buildscript-gradle.lockfile'));
    expect(packages.map((p) => [p.id, p.scope])).toEqual([
      ['com.github.ben-manes:gradle-versions-plugin@0.51.0', 'dev'],
      ['org.jetbrains.kotlin:kotlin-gradle-plugin@1.9.22', 'dev'],
    ]);
    expect(text.slice(packages[0]?.start, packages[0]?.end)).toBe(
      'com.github.ben-manes:gradle-versions-plugin:0.51.0=classpath',
    );
  });

  it('reads legacy lines without configurations and skips lines that are not modules', async () => {
    const { packages } = await extractFile(lockExtractor, fixture('compileClasspath.lockfile'));
    expect(packages.map((p) => [p.id, p.scope])).toEqual([['org.slf4j:slf4j-api@2.0.9', undefined]]);
    expect(parseLockLine('empty=')).toBeUndefined();
    expect(parseLockLine('empty=======')).toBeUndefined();
    expect(parseLockLine('a b:c:d=x')).toBeUndefined();
  });

  it('knows which configurations ship', () => {
    for (const c of [
      'runtimeClasspath',
      'compileClasspath',
      'releaseRuntimeClasspath',
      'productionRuntimeClasspath',
    ]) {
      expect(isShippedConfiguration(c), c).toBe(true);
    }
    for (const c of [
      'testRuntimeClasspath',
      'debugUnitTestRuntimeClasspath',
      'debugAndroidTestCompileClasspath',
      'annotationProcessor',
      'kapt',
      'classpath',
      'detekt',
    ]) {
      expect(isShippedConfiguration(c), c).toBe(false);
    }
    expect(isShippedConfiguration('testFixturesRuntimeClasspath')).toBe(true);
  });
});

describe('gradle/verification-metadata.xml', () => {
  it('reads every component version', async () => {
    const text = readFileSync(fixture('verification/verification-metadata.xml'), 'utf8');
    const { packages } = await extractFile(
      verificationExtractor,
      fixture('verification/verification-metadata.xml'),
    );
    expect(packages.map((p) => p.id)).toEqual([
      'com.google.guava:guava@31.1-jre',
      'com.google.guava:guava@32.1.3-jre',
      'io.netty:netty-codec-http@4.1.93.Final',
      'org.apache.commons:commons-text@1.10.0',
    ]);
    const text2 = packages.map((p) => text.slice(p.start, p.end));
    expect(text2[3]).toBe('<component group="org.apache.commons" name="commons-text" version="1.10.0"/>');
    expect(text2[1]).toMatch(
      /^<component group="com.google.guava" name="guava" version="32.1.3-jre">[^]*<\/component>$/,
    );
  });

  it('rejects components without coordinates, malformed XML and other XML files', async () => {
    const fail = async (name: string): Promise<ExtractError> => {
      const error: unknown = await extractFile(verificationExtractor, fixture(name)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExtractError);
      return error as ExtractError;
    };
    expect(await fail('verification/missing-version.xml')).toMatchObject({
      message: '<component> without version',
      line: 5,
    });
    expect((await fail('verification/truncated.xml')).line).toBe(5);
    expect((await fail('verification/wrong-root.xml')).message).toMatch(/expected <verification-metadata>/);
  });
});

const lockCases = sharedCases()?.filter((c) => c.parser === 'ParseGradleLock');
describe.skipIf(!lockCases)('osv-scanner v1.9.2 conformance: ParseGradleLock', () => {
  it.each(lockCases ?? [])('$test', async (c) => {
    expect(await runCase(lockExtractor, c)).toEqual({ ok: true });
  });
});
const verificationCases = sharedCases()?.filter((c) => c.parser === 'ParseGradleVerificationMetadata');
describe.skipIf(!verificationCases)('osv-scanner v1.9.2 conformance: ParseGradleVerificationMetadata', () => {
  it.each(verificationCases ?? [])('$test', async (c) => {
    expect(await runCase(verificationExtractor, c)).toEqual({ ok: true });
  });
});
if (!lockCases)
  console.warn('gradle: skipping osv-scanner conformance cases (../shared/data/lockfiles not present)');
