/**
 * Shared by the SBOM tests: a sample inventory, schema validators (CycloneDX 1.6 JSON and XSD, SPDX
 * 2.3) and golden files.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { expect } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { Component, Inventory } from '../../src/model.js';
import type { SbomMeta } from '../../src/sbom/index.js';

// ajv-formats is CommonJS with an `exports.default`; under NodeNext the default import is the module.
const addFormats = addFormatsPlugin.default;

const HERE = dirname(fileURLToPath(import.meta.url));
export const SCHEMAS = join(HERE, 'schemas');
export const FIXTURES = join(HERE, 'fixtures');
const GOLDEN = join(HERE, 'golden');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

function schema(name: string): object {
  return JSON.parse(readFileSync(join(SCHEMAS, name), 'utf8')) as object;
}

let cdx: ValidateFunction | undefined;
let spdx: ValidateFunction | undefined;

/** CycloneDX 1.6.2's JSON schema with the SPDX-id and JSF schemas it refers to. */
export function cycloneDxSchemaValidator(): ValidateFunction {
  if (!cdx) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    // Formats ajv-formats does not know; the BOM uses neither in a way these tests exercise.
    ajv.addFormat('iri-reference', true);
    ajv.addFormat('idn-email', true);
    ajv.addSchema(schema('spdx.schema.json'));
    ajv.addSchema(schema('jsf-0.82.schema.json'));
    cdx = ajv.compile(schema('bom-1.6.schema.json'));
  }
  return cdx;
}

/** SPDX 2.3's JSON schema. */
export function spdxSchemaValidator(): ValidateFunction {
  if (!spdx) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    spdx = ajv.compile(schema('spdx-2.3-schema.json'));
  }
  return spdx;
}

/** Errors of validating `data`, as `path message` lines (empty when valid). */
export function schemaErrors(validate: ValidateFunction, data: unknown): string[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

/** Validates a CycloneDX XML document against the 1.6 XSD; resolves with xmllint's error messages. */
export async function cycloneDxXsdErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'bom.xml', contents: xml }],
    schema: [
      { fileName: 'bom-1.6.SNAPSHOT.xsd', contents: readFileSync(join(SCHEMAS, 'bom-1.6.SNAPSHOT.xsd')) },
    ],
    preload: [{ fileName: 'spdx.SNAPSHOT.xsd', contents: readFileSync(join(SCHEMAS, 'spdx.SNAPSHOT.xsd')) }],
    initialMemoryPages: 1024,
    maxMemoryPages: 4096,
  });
  return result.errors.map((e) => e.rawMessage);
}

/** Compare with `golden/<name>`; `UPDATE_SNAPSHOT=1` rewrites it instead (review the diff). */
export function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_SNAPSHOT === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file))
    throw new Error(`Golden file ${name} is missing; run with UPDATE_SNAPSHOT=1 and review it.`);
  expect(actual, `output differs from golden/${name} (UPDATE_SNAPSHOT=1 regenerates it)`).toBe(
    readFileSync(file, 'utf8'),
  );
}

export const META: SbomMeta = {
  name: 'shop-api',
  version: '1.2.0',
  timestamp: '2024-05-01T12:00:00Z',
  toolVersion: '0.1.0',
};

function component(
  fields: Partial<Component> & Pick<Component, 'ref' | 'name' | 'version' | 'ecosystem' | 'purl' | 'source'>,
): Component {
  return {
    direct: false,
    scope: 'prod',
    depGroups: [],
    paths: [[`${fields.name}@${fields.version}`]],
    dependsOn: [],
    ...fields,
  };
}

/**
 * Eight components across npm (a scoped dev dependency, an optional one), Maven (groupId and
 * artifactId) and PyPI (a licence that is not an SPDX id, a mixed-case name), with edges.
 */
export function sampleInventory(): Inventory {
  return {
    components: [
      component({
        ref: 'package-lock.json#node_modules/express',
        name: 'express',
        version: '4.18.2',
        ecosystem: 'npm',
        purl: 'pkg:npm/express@4.18.2',
        source: 'package-lock.json',
        direct: true,
        licenses: ['MIT'],
        dependsOn: ['package-lock.json#node_modules/body-parser'],
        start: 120,
        end: 480,
      }),
      component({
        ref: 'package-lock.json#node_modules/body-parser',
        name: 'body-parser',
        version: '1.20.1',
        ecosystem: 'npm',
        purl: 'pkg:npm/body-parser@1.20.1',
        source: 'package-lock.json',
        licenses: ['MIT'],
        paths: [['express@4.18.2', 'body-parser@1.20.1']],
      }),
      component({
        ref: 'package-lock.json#node_modules/@babel/core',
        name: '@babel/core',
        version: '7.23.0',
        ecosystem: 'npm',
        purl: 'pkg:npm/%40babel/core@7.23.0',
        source: 'package-lock.json',
        direct: true,
        scope: 'dev',
        depGroups: ['dev'],
        licenses: ['MIT'],
      }),
      component({
        ref: 'package-lock.json#node_modules/fsevents',
        name: 'fsevents',
        version: '2.3.3',
        ecosystem: 'npm',
        purl: 'pkg:npm/fsevents@2.3.3',
        source: 'package-lock.json',
        direct: true,
        scope: 'optional',
        depGroups: ['optional'],
        licenses: ['MIT'],
      }),
      component({
        ref: 'backend/pom.xml#org.apache.logging.log4j:log4j-core@2.14.1',
        name: 'org.apache.logging.log4j:log4j-core',
        version: '2.14.1',
        ecosystem: 'Maven',
        purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
        source: 'backend/pom.xml',
        direct: true,
        licenses: ['Apache-2.0'],
        dependsOn: ['backend/pom.xml#org.apache.logging.log4j:log4j-api@2.14.1'],
      }),
      component({
        ref: 'backend/pom.xml#org.apache.logging.log4j:log4j-api@2.14.1',
        name: 'org.apache.logging.log4j:log4j-api',
        version: '2.14.1',
        ecosystem: 'Maven',
        purl: 'pkg:maven/org.apache.logging.log4j/log4j-api@2.14.1',
        source: 'backend/pom.xml',
        licenses: ['Apache-2.0'],
        paths: [['org.apache.logging.log4j:log4j-core@2.14.1', 'org.apache.logging.log4j:log4j-api@2.14.1']],
      }),
      component({
        ref: 'tools/poetry.lock#Django@4.2.0',
        name: 'Django',
        version: '4.2.0',
        ecosystem: 'PyPI',
        purl: 'pkg:pypi/django@4.2.0',
        source: 'tools/poetry.lock',
        direct: true,
        licenses: ['BSD-3-Clause'],
        dependsOn: ['tools/poetry.lock#sqlparse@0.4.4'],
      }),
      component({
        ref: 'tools/poetry.lock#sqlparse@0.4.4',
        name: 'sqlparse',
        version: '0.4.4',
        ecosystem: 'PyPI',
        purl: 'pkg:pypi/sqlparse@0.4.4',
        source: 'tools/poetry.lock',
        licenses: ['BSD License'],
        paths: [['Django@4.2.0', 'sqlparse@0.4.4']],
      }),
    ],
  };
}

/** The same components in another order, with `dependsOn` and `depGroups` shuffled. */
export function shuffled(inventory: Inventory): Inventory {
  const components = inventory.components.map((c) => ({
    ...c,
    dependsOn: [...c.dependsOn].reverse(),
    depGroups: [...c.depGroups].reverse(),
  }));
  // A fixed permutation: reverse, then swap neighbours.
  components.reverse();
  for (let i = 0; i + 1 < components.length; i += 2)
    [components[i], components[i + 1]] = [components[i + 1]!, components[i]!];
  return { components };
}
