import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractor } from '../../src/extractors/maven/extract.js';
import { pinnedVersion } from '../../src/extractors/maven/schema.js';
import { ExtractError, lineAt } from '../../src/model.js';
import { extractFile, runCase, sharedCases } from '../support/conformance.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/maven/${name}`, import.meta.url));

async function expectError(name: string, message: RegExp, line?: number): Promise<void> {
  const error: unknown = await extractFile(extractor, fixture(name)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ExtractError);
  expect((error as ExtractError).message).toMatch(message);
  expect((error as ExtractError).line).toBe(line);
}

describe('pom.xml', () => {
  it('reads declared and managed dependencies with interpolated versions, groups and scopes', async () => {
    const result = await extractFile(extractor, fixture('pom.xml'));
    expect(result.packages.map((p) => [p.id, p.depGroups, p.scope, p.direct])).toEqual([
      ['com.example:legacy@', [], 'prod', true], // ${legacy.version} is not defined here
      ['com.example:orders-api@3.1.0', [], 'prod', true], // ${project.groupId}/${project.version} from <parent>
      ['com.example:platform-commons@3.1.0', [], 'prod', true], // ${project.parent.version}
      ['com.fasterxml.jackson.core:jackson-databind@2.15.2', [], 'prod', true], // nested properties
      ['com.google.guava:guava@32.1.3-jre', [], 'prod', true],
      ['com.h2database:h2@2.2.224', ['optional'], 'optional', true],
      ['io.netty:netty-handler@', [], 'prod', true], // (4.1.0,4.2.0): no inclusive lower bound
      ['jakarta.servlet:jakarta.servlet-api@6.0.0', [], 'prod', true],
      ['junit:junit@4.13.2', ['test'], 'dev', true],
      ['org.apache.commons:commons-text@1.10.0', [], 'prod', true], // [1.10.0] hard requirement
      ['org.apache.logging.log4j:log4j-core@2.17.1', [], 'prod', true], // [2.17.1,3.0)
      ['org.mockito:mockito-core@5.6.0', ['test'], 'dev', true], // version and scope managed
      ['org.slf4j:slf4j-api@2.0.9', [], 'prod', true], // version managed
      ['org.springframework.boot:spring-boot-dependencies@3.1.5', [], undefined, false], // BOM import
      ['org.springframework.boot:spring-boot-starter-web@', [], 'prod', true], // managed by the BOM
      ['org.yaml:snakeyaml@2.2', [], undefined, false], // managed only
    ]);
    expect(result.roots).toEqual(result.packages.filter((p) => p.direct).map((p) => p.id));
    for (const p of result.packages) expect(p.ecosystem).toBe('Maven');
  });

  it('spans each <dependency> element, not commented-out ones', async () => {
    const text = readFileSync(fixture('pom.xml'), 'utf8');
    const { packages } = await extractFile(extractor, fixture('pom.xml'));
    for (const p of packages) {
      const element = text.slice(p.start, p.end);
      expect(element).toMatch(/^<dependency>[^]*<\/dependency>$/);
      expect(element).toContain(`<artifactId>${p.name.split(':')[1] ?? ''}</artifactId>`);
    }
    const junit = packages.find((p) => p.name === 'junit:junit');
    // The <dependency> line is the one before <groupId>junit</groupId> (1-based: its 0-based index).
    expect(lineAt(text, junit?.start ?? 0)).toBe(text.split('\n').indexOf('      <groupId>junit</groupId>'));
  });

  it('leaves cyclic and runaway property references unresolved', async () => {
    const { packages } = await extractFile(extractor, fixture('cyclic-properties.xml'));
    expect(packages.map((p) => p.id)).toEqual(['org.example:a@', 'org.example:huge@', 'org.example:self@']);
  });

  it('reads the pinned version of a requirement', () => {
    expect(pinnedVersion('1.2.3')).toBe('1.2.3');
    expect(pinnedVersion(' [1.0] ')).toBe('1.0');
    expect(pinnedVersion('[1.0,2.0)')).toBe('1.0');
    expect(pinnedVersion('[1.0,2.0),[3.0,)')).toBe('1.0');
    expect(pinnedVersion('(,1.0]')).toBe('');
    expect(pinnedVersion('[,1.0]')).toBe('');
    expect(pinnedVersion('(1.0,)')).toBe('');
    expect(pinnedVersion('${undefined}')).toBe('');
    expect(pinnedVersion('')).toBe('');
  });

  it('rejects malformed XML with the line', async () => {
    await expectError('truncated.xml', /XML syntax error.*ends inside <project> > .*<artifactId>/, 11);
    await expectError('mismatched-tag.xml', /XML syntax error.*closing tag/, 6);
  });

  it('refuses DTDs, so external entities and entity expansion never happen', async () => {
    await expectError('xxe.xml', /DOCTYPE.*not allowed/, 2);
    await expectError('entity-bomb.xml', /DOCTYPE.*not allowed/, 2);
  });

  it('rejects a dependency without groupId, and files that are not POMs', async () => {
    await expectError('missing-group.xml', /dependency without groupId/, 12);
    await expectError('settings.xml', /not a Maven POM.*<settings>/);
    const error: unknown = await (async () =>
      extractor.extract({ path: 'pom.xml', text: 'not a pom' }))().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExtractError);
  });
});

const cases = sharedCases()?.filter((c) => c.parser === 'ParseMavenLock');
describe.skipIf(!cases)('osv-scanner v1.9.2 conformance: ParseMavenLock', () => {
  it.each(cases ?? [])('$test', async (c) => {
    expect(await runCase(extractor, c)).toEqual({ ok: true });
  });
});
if (!cases)
  console.warn('maven: skipping osv-scanner conformance cases (../shared/data/lockfiles not present)');
