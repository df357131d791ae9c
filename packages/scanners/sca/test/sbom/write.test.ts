import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Component, Inventory } from '../../src/model.js';
import {
  readSbom,
  sbomTimestamp,
  toCycloneDx,
  toCycloneDxXml,
  toSpdx,
  type CycloneDxComponent,
  type SbomMeta,
} from '../../src/sbom/index.js';
import {
  cycloneDxSchemaValidator,
  cycloneDxXsdErrors,
  expectGolden,
  META,
  sampleInventory,
  schemaErrors,
  shuffled,
  spdxSchemaValidator,
} from './support.js';

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function byRef(components: CycloneDxComponent[], ref: string): CycloneDxComponent {
  const found = components.find((c) => c['bom-ref'] === ref);
  if (!found) throw new Error(`no component ${ref}`);
  return found;
}

/** Components whose strings need escaping everywhere: markup characters, quotes, control characters. */
function awkwardInventory(): Inventory {
  const base: Component = {
    ref: 'weird dir/package-lock.json#node_modules/<evil>&"quoted"',
    name: '@sc&pe/na<me>"\'',
    version: '1.0.0-beta+"x"&<y>',
    ecosystem: 'npm',
    purl: 'pkg:npm/%40sc%26pe/na%3Cme%3E%22%27@1.0.0-beta%2B%22x%22%26%3Cy%3E',
    direct: true,
    scope: 'prod',
    depGroups: [],
    paths: [['@sc&pe/na<me>"\'@1.0.0-beta+"x"&<y>']],
    dependsOn: [],
    source: 'weird dir/package-lock.json',
    licenses: ['Custom <licence> & "terms"\twith\ttabs\u0007 and a bell'],
    commit: ']]> not a CDATA end',
  };
  return { components: [base] };
}

describe('CycloneDX 1.6 JSON', () => {
  it('validates against the official CycloneDX 1.6 schema', () => {
    expect(schemaErrors(cycloneDxSchemaValidator(), toCycloneDx(sampleInventory(), META))).toEqual([]);
    expect(schemaErrors(cycloneDxSchemaValidator(), toCycloneDx(awkwardInventory(), META))).toEqual([]);
    expect(schemaErrors(cycloneDxSchemaValidator(), toCycloneDx({ components: [] }, META))).toEqual([]);
  });

  it('matches the golden file (UPDATE_SNAPSHOT=1 regenerates it)', () => {
    expectGolden('sample.cdx.json', json(toCycloneDx(sampleInventory(), META)));
  });

  it('is byte-identical for the same inventory in another order', () => {
    const a = json(toCycloneDx(sampleInventory(), META));
    const b = json(toCycloneDx(shuffled(sampleInventory()), META));
    expect(b).toBe(a);
  });

  it('derives the serial number from the content: same content same UUID, other content other UUID', () => {
    const bom = toCycloneDx(sampleInventory(), META);
    expect(bom.serialNumber).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(toCycloneDx(sampleInventory(), { ...META }).serialNumber).toBe(bom.serialNumber);
    expect(
      toCycloneDx(sampleInventory(), { ...META, timestamp: '2024-05-02T00:00:00Z' }).serialNumber,
    ).not.toBe(bom.serialNumber);
    const fewer = { components: sampleInventory().components.slice(1) };
    expect(toCycloneDx(fewer, META).serialNumber).not.toBe(bom.serialNumber);
  });

  it('records the tool, the project and the timestamp the caller gives', () => {
    const bom = toCycloneDx(sampleInventory(), {
      ...META,
      timestamp: new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 678)),
    });
    expect(bom.metadata.timestamp).toBe('2020-01-02T03:04:05Z');
    expect(bom.metadata.tools.components).toEqual([
      { type: 'application', name: 'rampart', version: '0.1.0' },
    ]);
    expect(bom.metadata.component).toEqual({
      type: 'application',
      'bom-ref': 'project:shop-api',
      name: 'shop-api',
      version: '1.2.0',
    });
    expect(() => toCycloneDx(sampleInventory(), { ...META, timestamp: 'yesterday' })).toThrow(RangeError);
  });

  it('splits npm scopes and Maven groupIds into group; keeps plain names whole', () => {
    const { components } = toCycloneDx(sampleInventory(), META);
    expect(byRef(components, 'package-lock.json#node_modules/@babel/core')).toMatchObject({
      group: '@babel',
      name: 'core',
    });
    const log4j = byRef(components, 'backend/pom.xml#org.apache.logging.log4j:log4j-core@2.14.1');
    expect(log4j).toMatchObject({ group: 'org.apache.logging.log4j', name: 'log4j-core' });
    expect(byRef(components, 'tools/poetry.lock#Django@4.2.0').group).toBeUndefined();
    const go: Component = {
      ...sampleInventory().components[0]!,
      ref: 'go.mod#github.com/gorilla/mux@1.8.1',
      name: 'github.com/gorilla/mux',
      ecosystem: 'Go',
      purl: 'pkg:golang/github.com/gorilla/mux@v1.8.1',
    };
    const php: Component = {
      ...go,
      ref: 'composer.lock#laravel/framework',
      name: 'laravel/framework',
      ecosystem: 'Packagist',
    };
    const out = toCycloneDx({ components: [go, php] }, META).components;
    expect(byRef(out, go.ref)).toMatchObject({ name: 'github.com/gorilla/mux' });
    expect(byRef(out, go.ref).group).toBeUndefined();
    expect(byRef(out, php.ref)).toMatchObject({ group: 'laravel', name: 'framework' });
  });

  it('maps scopes (prod → required, dev and optional → optional) and keeps ours in properties', () => {
    const { components } = toCycloneDx(sampleInventory(), META);
    const express = byRef(components, 'package-lock.json#node_modules/express');
    expect(express.scope).toBe('required');
    expect(express.properties).toEqual([
      { name: 'rampart:dependencyPath', value: 'express@4.18.2' },
      { name: 'rampart:direct', value: 'true' },
      { name: 'rampart:scope', value: 'prod' },
    ]);
    expect(express.evidence).toEqual({ occurrences: [{ location: 'package-lock.json' }] });
    const babel = byRef(components, 'package-lock.json#node_modules/@babel/core');
    expect(babel.scope).toBe('optional');
    expect(babel.properties).toContainEqual({ name: 'rampart:scope', value: 'dev' });
    expect(babel.properties).toContainEqual({ name: 'rampart:depGroups', value: 'dev' });
    expect(byRef(components, 'package-lock.json#node_modules/fsevents').scope).toBe('optional');
    const bodyParser = byRef(components, 'package-lock.json#node_modules/body-parser');
    expect(bodyParser.properties).toContainEqual({
      name: 'rampart:dependencyPath',
      value: 'express@4.18.2 > body-parser@1.20.1',
    });
  });

  it('writes licences as ids, expressions or names', () => {
    const { components } = toCycloneDx(sampleInventory(), META);
    expect(byRef(components, 'package-lock.json#node_modules/express').licenses).toEqual([
      { license: { id: 'MIT' } },
    ]);
    expect(byRef(components, 'tools/poetry.lock#sqlparse@0.4.4').licenses).toEqual([
      { license: { name: 'BSD License' } },
    ]);
  });

  it('lists every component once in the graph, the project depending on the direct ones', () => {
    const bom = toCycloneDx(sampleInventory(), META);
    const refs = bom.dependencies.map((d) => d.ref);
    expect(refs[0]).toBe('project:shop-api');
    expect(new Set(refs).size).toBe(refs.length);
    expect(refs.slice(1)).toEqual(bom.components.map((c) => c['bom-ref']));
    expect(bom.dependencies[0]!.dependsOn).toEqual([
      'backend/pom.xml#org.apache.logging.log4j:log4j-core@2.14.1',
      'package-lock.json#node_modules/@babel/core',
      'package-lock.json#node_modules/express',
      'package-lock.json#node_modules/fsevents',
      'tools/poetry.lock#Django@4.2.0',
    ]);
    expect(
      bom.dependencies.find((d) => d.ref === 'package-lock.json#node_modules/express')!.dependsOn,
    ).toEqual(['package-lock.json#node_modules/body-parser']);
  });

  it('drops edges to refs outside the inventory and refuses duplicate refs', () => {
    const inventory = sampleInventory();
    inventory.components[0]!.dependsOn.push('elsewhere#missing');
    const express = toCycloneDx(inventory, META).dependencies.find(
      (d) => d.ref === 'package-lock.json#node_modules/express',
    );
    expect(express!.dependsOn).toEqual(['package-lock.json#node_modules/body-parser']);
    const twice = { components: [...sampleInventory().components, sampleInventory().components[0]!] };
    expect(() => toCycloneDx(twice, META)).toThrow(/duplicate component ref/);
  });

  it('gives the project a ref no component has', () => {
    const clash: Component = { ...sampleInventory().components[0]!, ref: 'project:shop-api' };
    const bom = toCycloneDx({ components: [clash] }, META);
    expect(bom.metadata.component['bom-ref']).toBe('project:shop-api-2');
  });
});

describe('CycloneDX 1.6 XML', () => {
  it('validates against the CycloneDX 1.6 XSD', async () => {
    expect(await cycloneDxXsdErrors(toCycloneDxXml(sampleInventory(), META))).toEqual([]);
    expect(await cycloneDxXsdErrors(toCycloneDxXml(awkwardInventory(), META))).toEqual([]);
    expect(await cycloneDxXsdErrors(toCycloneDxXml({ components: [] }, META))).toEqual([]);
  });

  it('the XSD check does catch a broken document', async () => {
    const xml = toCycloneDxXml(sampleInventory(), META).replace(
      '<scope>required</scope>',
      '<scope>always</scope>',
    );
    expect((await cycloneDxXsdErrors(xml)).join('\n')).toMatch(/scope/);
  });

  it('matches the golden file (UPDATE_SNAPSHOT=1 regenerates it)', () => {
    expectGolden('sample.cdx.xml', toCycloneDxXml(sampleInventory(), META));
  });

  it('is byte-identical for the same inventory in another order and carries the JSON serial number', () => {
    const xml = toCycloneDxXml(sampleInventory(), META);
    expect(toCycloneDxXml(shuffled(sampleInventory()), META)).toBe(xml);
    expect(xml).toContain(`serialNumber="${toCycloneDx(sampleInventory(), META).serialNumber}"`);
    expect(xml).toContain('<bom xmlns="http://cyclonedx.org/schema/bom/1.6"');
  });

  it('escapes markup in text and attributes and drops characters XML cannot carry', () => {
    const xml = toCycloneDxXml(awkwardInventory(), META);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toContain('\u0007');
    expect(xml).toContain(
      'bom-ref="weird dir/package-lock.json#node_modules/&lt;evil&gt;&amp;&quot;quoted&quot;"',
    );
    expect(xml).toContain('<name>Custom &lt;licence&gt; &amp; "terms"\twith\ttabs and a bell</name>');
    expect(xml).toContain('<property name="rampart:commit">]]&gt; not a CDATA end</property>');
    // An independent parser with entity decoding on sees the original strings.
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as {
      bom: { components: { component: { 'bom-ref': string; group: string; name: string } } };
    };
    expect(parsed.bom.components.component['bom-ref']).toBe(awkwardInventory().components[0]!.ref);
    expect(parsed.bom.components.component.group).toBe('@sc&pe');
  });

  it('reads back to the same components as the JSON form (bar the characters XML cannot carry)', () => {
    const inventory = awkwardInventory();
    const fromXml = readSbom(toCycloneDxXml(inventory, META), 'bom.xml').components;
    inventory.components[0]!.licenses = inventory.components[0]!.licenses!.map((l) =>
      l.replace('\u0007', ''),
    );
    const fromJson = readSbom(JSON.stringify(toCycloneDx(inventory, META)), 'bom.json').components;
    expect(fromXml).toEqual(fromJson);
    expect(fromXml[0]!.name).toBe('@sc&pe/na<me>"\'');
    expect(fromXml[0]!.ref).toBe(awkwardInventory().components[0]!.ref);
  });
});

describe('SPDX 2.3 JSON', () => {
  it('validates against the official SPDX 2.3 schema', () => {
    expect(schemaErrors(spdxSchemaValidator(), toSpdx(sampleInventory(), META))).toEqual([]);
    expect(schemaErrors(spdxSchemaValidator(), toSpdx(awkwardInventory(), META))).toEqual([]);
    expect(schemaErrors(spdxSchemaValidator(), toSpdx({ components: [] }, META))).toEqual([]);
  });

  it('matches the golden file (UPDATE_SNAPSHOT=1 regenerates it)', () => {
    expectGolden('sample.spdx.json', json(toSpdx(sampleInventory(), META)));
  });

  it('is byte-identical for the same inventory in another order', () => {
    expect(json(toSpdx(shuffled(sampleInventory()), META))).toBe(json(toSpdx(sampleInventory(), META)));
  });

  it('has the document fields SPDX requires, with a namespace derived from the content', () => {
    const doc = toSpdx(sampleInventory(), META);
    expect(doc).toMatchObject({
      spdxVersion: 'SPDX-2.3',
      dataLicense: 'CC0-1.0',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'shop-api',
      creationInfo: { creators: ['Tool: rampart-0.1.0'], created: '2024-05-01T12:00:00Z' },
    });
    expect(doc.documentNamespace).toMatch(/^https:\/\/rampart\.dev\/spdx\/shop-api-[0-9a-f]{32}$/);
    expect(toSpdx(sampleInventory(), META).documentNamespace).toBe(doc.documentNamespace);
    const fewer = { components: sampleInventory().components.slice(2) };
    expect(toSpdx(fewer, META).documentNamespace).not.toBe(doc.documentNamespace);
  });

  it('gives packages unique SPDXIDs of idstring characters', () => {
    const a: Component = { ...sampleInventory().components[0]!, ref: 'x/a_b#1' };
    const b: Component = { ...a, ref: 'x/a-b#1' };
    const c: Component = { ...a, ref: 'x/a b#1' };
    const doc = toSpdx({ components: [a, b, c] }, META);
    const ids = doc.packages.map((p) => p.SPDXID);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^SPDXRef-[A-Za-z0-9.-]+$/);
    expect(ids).toEqual(['SPDXRef-RootPackage', 'SPDXRef-x-a-b-1', 'SPDXRef-x-a-b-1-2', 'SPDXRef-x-a-b-1-3']);
  });

  it('records purl, licences and the lockfile; NOASSERTION where nothing is known', () => {
    const doc = toSpdx(sampleInventory(), META);
    const express = doc.packages.find((p) => p.name === 'express')!;
    expect(express).toMatchObject({
      versionInfo: '4.18.2',
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'MIT',
      externalRefs: [
        {
          referenceCategory: 'PACKAGE-MANAGER',
          referenceType: 'purl',
          referenceLocator: 'pkg:npm/express@4.18.2',
        },
      ],
    });
    expect(express.annotations).toContainEqual({
      annotationType: 'OTHER',
      annotator: 'Tool: rampart-0.1.0',
      annotationDate: '2024-05-01T12:00:00Z',
      comment: 'rampart:source=package-lock.json',
    });
    const sqlparse = doc.packages.find((p) => p.name === 'sqlparse')!;
    expect(sqlparse.licenseDeclared).toBe('LicenseRef-BSD-License');
    expect(doc.hasExtractedLicensingInfos).toEqual([
      { licenseId: 'LicenseRef-BSD-License', extractedText: 'BSD License', name: 'BSD License' },
    ]);
    const unlicensed: Component = { ...sampleInventory().components[0]!, licenses: undefined };
    expect(toSpdx({ components: [unlicensed] }, META).packages[1]!.licenseDeclared).toBe('NOASSERTION');
  });

  it('describes the root, which depends on the direct components; dev and optional edges point up', () => {
    const doc = toSpdx(sampleInventory(), META);
    const id = (name: string) => doc.packages.find((p) => p.name === name)!.SPDXID;
    const r = (a: string, type: string, b: string) => ({
      spdxElementId: a,
      relationshipType: type,
      relatedSpdxElement: b,
    });
    expect(doc.relationships[0]).toEqual(r('SPDXRef-DOCUMENT', 'DESCRIBES', 'SPDXRef-RootPackage'));
    expect(doc.relationships).toContainEqual(r('SPDXRef-RootPackage', 'DEPENDS_ON', id('express')));
    expect(doc.relationships).toContainEqual(
      r(id('@babel/core'), 'DEV_DEPENDENCY_OF', 'SPDXRef-RootPackage'),
    );
    expect(doc.relationships).toContainEqual(
      r(id('fsevents'), 'OPTIONAL_DEPENDENCY_OF', 'SPDXRef-RootPackage'),
    );
    expect(doc.relationships).toContainEqual(r(id('express'), 'DEPENDS_ON', id('body-parser')));
    expect(doc.relationships).toContainEqual(r(id('Django'), 'DEPENDS_ON', id('sqlparse')));
    expect(doc.relationships.filter((x) => x.relatedSpdxElement === id('body-parser'))).toHaveLength(1);
    expect(doc.relationships).toHaveLength(1 + 5 + 3);
  });
});

describe('sbomTimestamp', () => {
  it('uses SOURCE_DATE_EPOCH when it is a number of seconds, else the clock', () => {
    const now = () => new Date('2030-01-01T00:00:00.123Z');
    expect(sbomTimestamp('1700000000', now)).toBe('2023-11-14T22:13:20Z');
    expect(sbomTimestamp(' 0 ', now)).toBe('1970-01-01T00:00:00Z');
    expect(sbomTimestamp(undefined, now)).toBe('2030-01-01T00:00:00Z');
    expect(sbomTimestamp('', now)).toBe('2030-01-01T00:00:00Z');
    expect(sbomTimestamp('-5', now)).toBe('2030-01-01T00:00:00Z');
    expect(sbomTimestamp('1.5e9', now)).toBe('2030-01-01T00:00:00Z');
  });

  it('makes a whole BOM reproducible from the environment alone', () => {
    const meta: SbomMeta = { ...META, timestamp: sbomTimestamp('1700000000') };
    expect(json(toCycloneDx(sampleInventory(), meta))).toBe(
      json(toCycloneDx(sampleInventory(), { ...META, timestamp: '2023-11-14T22:13:20.000Z' })),
    );
  });
});
