import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Component } from '../../src/model.js';
import { cycloneDxLicenseIds, LicenseRefs } from '../../src/sbom/licenses.js';
import {
  cycloneDxLicenses,
  spdxLicenseExpression,
  toCycloneDx,
  toCycloneDxXml,
  toSpdx,
} from '../../src/sbom/index.js';
import {
  cycloneDxSchemaValidator,
  cycloneDxXsdErrors,
  META,
  SCHEMAS,
  sampleInventory,
  schemaErrors,
  spdxSchemaValidator,
} from './support.js';

describe('CycloneDX licence ids', () => {
  it('are all in the SPDX lists of the CycloneDX 1.6 JSON schema and XSD', () => {
    const json = new Set(
      (JSON.parse(readFileSync(join(SCHEMAS, 'spdx.schema.json'), 'utf8')) as { enum: string[] }).enum,
    );
    const xsd = readFileSync(join(SCHEMAS, 'spdx.SNAPSHOT.xsd'), 'utf8');
    for (const id of cycloneDxLicenseIds()) {
      expect(json.has(id), id).toBe(true);
      expect(xsd.includes(`<xs:enumeration value="${id}">`), id).toBe(true);
    }
  });
});

describe('cycloneDxLicenses', () => {
  it('maps one licence to an id, an expression or a name', () => {
    expect(cycloneDxLicenses(['MIT'])).toEqual([{ license: { id: 'MIT' } }]);
    expect(cycloneDxLicenses(['MIT OR Apache-2.0'])).toEqual([{ expression: 'MIT OR Apache-2.0' }]);
    expect(cycloneDxLicenses(['GPL-2.0-only WITH Classpath-exception-2.0'])).toEqual([
      { expression: 'GPL-2.0-only WITH Classpath-exception-2.0' },
    ]);
    expect(cycloneDxLicenses(['GPL-2.0+'])).toEqual([{ expression: 'GPL-2.0+' }]);
    // A valid SPDX id newer than the CycloneDX 1.6 list: an expression, which the schema accepts.
    expect(cycloneDxLicenses(['HDF5'])).toEqual([{ expression: 'HDF5' }]);
    expect(cycloneDxLicenses(['LicenseRef-acme'])).toEqual([{ expression: 'LicenseRef-acme' }]);
    expect(cycloneDxLicenses(['The MIT License'])).toEqual([{ license: { name: 'The MIT License' } }]);
    expect(cycloneDxLicenses(['mit'])).toEqual([{ license: { name: 'mit' } }]);
  });

  it('maps several licences to a list, or to one AND expression when one of them is an expression', () => {
    expect(cycloneDxLicenses(['MIT', 'Apache-2.0', 'Custom'])).toEqual([
      { license: { id: 'MIT' } },
      { license: { id: 'Apache-2.0' } },
      { license: { name: 'Custom' } },
    ]);
    expect(cycloneDxLicenses(['MIT', 'BSD-2-Clause OR ISC', 'HDF5'])).toEqual([
      { expression: 'MIT AND (BSD-2-Clause OR ISC) AND HDF5' },
    ]);
    expect(cycloneDxLicenses(['MIT OR ISC', 'Custom licence'])).toEqual([
      { license: { name: 'MIT OR ISC' } },
      { license: { name: 'Custom licence' } },
    ]);
  });

  it('ignores blanks and duplicates; undefined when nothing is left', () => {
    expect(cycloneDxLicenses(['MIT', ' MIT ', ''])).toEqual([{ license: { id: 'MIT' } }]);
    expect(cycloneDxLicenses([' '])).toBeUndefined();
    expect(cycloneDxLicenses(undefined)).toBeUndefined();
  });

  it('every form validates in both CycloneDX encodings and in SPDX', async () => {
    const base = sampleInventory().components[0]!;
    const sets = [
      ['MIT OR Apache-2.0'],
      ['HDF5'],
      ['MIT', 'Apache-2.0', 'Custom'],
      ['MIT', 'BSD-2-Clause OR ISC'],
      ['MIT OR ISC', 'Custom licence'],
      ['GPL-2.0+', 'Custom licence', 'Other (c) 2024'],
    ];
    const components: Component[] = sets.map((licenses, i) => ({ ...base, ref: `l#${i}`, licenses }));
    expect(schemaErrors(cycloneDxSchemaValidator(), toCycloneDx({ components }, META))).toEqual([]);
    expect(await cycloneDxXsdErrors(toCycloneDxXml({ components }, META))).toEqual([]);
    expect(schemaErrors(spdxSchemaValidator(), toSpdx({ components }, META))).toEqual([]);
  });
});

describe('spdxLicenseExpression', () => {
  it('keeps expressions, turns other texts into LicenseRefs, joins several with AND', () => {
    const refs = new LicenseRefs();
    expect(spdxLicenseExpression(['MIT'], refs)).toBe('MIT');
    expect(spdxLicenseExpression(['MIT OR ISC', 'Apache-2.0'], refs)).toBe('(MIT OR ISC) AND Apache-2.0');
    expect(spdxLicenseExpression(['BSD License', 'MIT'], refs)).toBe('LicenseRef-BSD-License AND MIT');
    expect(spdxLicenseExpression(['BSD-License!'], refs)).toBe('LicenseRef-BSD-License-2');
    expect(spdxLicenseExpression(['BSD License'], refs)).toBe('LicenseRef-BSD-License');
    expect(spdxLicenseExpression(['(c) ©'], refs)).toBe('LicenseRef-c');
    expect(spdxLicenseExpression(['©'], refs)).toBe('LicenseRef-unknown');
    expect(spdxLicenseExpression([], refs)).toBe('NOASSERTION');
    expect(spdxLicenseExpression(undefined, refs)).toBe('NOASSERTION');
    expect(refs.extractedLicensingInfos().map((i) => [i.licenseId, i.extractedText])).toEqual([
      ['LicenseRef-BSD-License', 'BSD License'],
      ['LicenseRef-BSD-License-2', 'BSD-License!'],
      ['LicenseRef-c', '(c) ©'],
      ['LicenseRef-unknown', '©'],
    ]);
  });
});
