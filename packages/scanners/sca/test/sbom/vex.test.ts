import { describe, expect, it } from 'vitest';
import { ExtractError } from '../../src/model.js';
import { readVex, vexSuppresses, type VexStatement } from '../../src/sbom/index.js';
import { fixture } from './support.js';

function errorOf(run: () => unknown): ExtractError {
  try {
    run();
  } catch (error) {
    if (error instanceof ExtractError) return error;
    throw new Error(`expected an ExtractError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected an ExtractError, got none');
}

describe('CycloneDX VEX', () => {
  it('reads analyses, resolving bom-refs, BOM-Links and purls to purls', () => {
    const statements = readVex(fixture('vex.cdx.json'), '.rampart/vex.cdx.json');
    expect(statements).toEqual([
      {
        vulnerability: 'CVE-2021-44228',
        aliases: ['GHSA-jfh8-c2jp-5v3q'],
        products: ['pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar'],
        status: 'not_affected',
        justification: 'code_not_reachable',
        detail: 'JNDI lookups are disabled with log4j2.formatMsgNoLookups=true.',
        timestamp: '2024-02-01T10:00:00Z',
        source: '.rampart/vex.cdx.json',
      },
      {
        vulnerability: 'CVE-2022-25647',
        products: ['pkg:maven/com.google.code.gson/gson@2.8.6'],
        status: 'not_affected',
        justification: 'false_positive',
        source: '.rampart/vex.cdx.json',
      },
      {
        vulnerability: 'GHSA-p6xc-xr62-6r2g',
        products: ['pkg:npm/%40babel/traverse@7.23.0'],
        status: 'fixed',
        detail: 'Backported fix.',
        source: '.rampart/vex.cdx.json',
      },
      {
        vulnerability: 'CVE-2023-1370',
        products: ['pkg:maven/net.minidev/json-smart@2.4.8'],
        status: 'affected',
        detail: 'We parse untrusted JSON.',
        source: '.rampart/vex.cdx.json',
      },
      {
        vulnerability: 'CVE-2024-0001',
        products: [],
        status: 'under_investigation',
        source: '.rampart/vex.cdx.json',
      },
    ]);
  });

  it('reads the XML form', () => {
    expect(readVex(fixture('vex.cdx.xml'), 'vex.xml')).toEqual([
      {
        vulnerability: 'CVE-2021-23337',
        aliases: ['GHSA-35jh-r3h4-6jhm'],
        products: ['pkg:npm/lodash@4.17.20'],
        status: 'not_affected',
        justification: 'code_not_present',
        detail: 'We never call _.template & strip it at build time.',
        source: 'vex.xml',
      },
    ]);
  });

  it('rejects an unknown analysis state and an analysis without an id', () => {
    const bad = (vulnerability: object) =>
      JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', vulnerabilities: [vulnerability] });
    expect(errorOf(() => readVex(bad({ id: 'CVE-1', analysis: { state: 'fine' } }), 'v')).message).toMatch(
      /vulnerabilities\.0\.analysis\.state must be equal to one of the allowed values/,
    );
    expect(errorOf(() => readVex(bad({ analysis: { state: 'not_affected' } }), 'v')).message).toMatch(
      /vulnerabilities\.0 has an analysis but no id/,
    );
  });
});

describe('OpenVEX', () => {
  it('reads statements: names, aliases, subcomponents, identifiers, notes and timestamps', () => {
    const statements = readVex(fixture('vex.openvex.json'), 'vex.openvex.json');
    expect(statements).toEqual([
      {
        vulnerability: 'CVE-2021-44228',
        aliases: ['GHSA-jfh8-c2jp-5v3q'],
        products: ['pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1'],
        status: 'not_affected',
        justification: 'vulnerable_code_not_in_execute_path',
        detail: 'The JNDI lookup class is removed from the classpath.',
        timestamp: '2024-03-01T09:00:00Z',
        source: 'vex.openvex.json',
      },
      {
        vulnerability: 'GHSA-35jh-r3h4-6jhm',
        products: ['pkg:npm/lodash'],
        status: 'fixed',
        timestamp: '2024-03-01T09:00:00Z',
        source: 'vex.openvex.json',
      },
      {
        vulnerability: 'CVE-2022-24999',
        products: ['pkg:npm/qs@6.5.2'],
        status: 'not_affected',
        justification: 'component_not_present',
        timestamp: '2024-03-01T09:00:00Z',
        source: 'vex.openvex.json',
      },
      {
        vulnerability: 'CVE-2022-24999',
        products: ['pkg:npm/qs@6.5.2'],
        status: 'affected',
        detail: 'Reassessed: qs is reachable through express.',
        timestamp: '2024-03-05T16:30:00Z',
        source: 'vex.openvex.json',
      },
      {
        vulnerability: 'CVE-2024-9999',
        products: ['pkg:pypi/Django_Rest@1.0?foo=bar'],
        status: 'under_investigation',
        timestamp: '2024-03-01T09:00:00Z',
        source: 'vex.openvex.json',
      },
    ]);
  });

  it('reads the pre-0.2 form with string vulnerabilities and products', () => {
    expect(readVex(fixture('vex-v0.0.openvex.json'), 'old.json')).toEqual([
      {
        vulnerability: 'CVE-2014-123456',
        products: ['pkg:apk/wolfi/git@2.39.0-r1?arch=x86_64', 'pkg:golang/github.com/foo/bar@v1.2.3'],
        status: 'fixed',
        timestamp: '2023-01-08T18:02:03.647787998-06:00',
        source: 'old.json',
      },
    ]);
  });

  it('rejects bad statements with the field named', () => {
    const doc = (statement: object) =>
      JSON.stringify({ '@context': 'https://openvex.dev/ns/v0.2.0', statements: [statement] });
    expect(
      errorOf(() => readVex(doc({ vulnerability: { name: 'CVE-1' }, status: 'maybe' }), 'v')).message,
    ).toMatch(/OpenVEX document: statements\.0\.status must be equal to one of the allowed values/);
    expect(errorOf(() => readVex(doc({ status: 'fixed' }), 'v')).message).toMatch(
      /statements\.0 must have required property 'vulnerability'/,
    );
    expect(errorOf(() => readVex(doc({ vulnerability: {}, status: 'fixed' }), 'v')).message).toMatch(
      /statements\.0\.vulnerability has no name or @id/,
    );
    expect(
      errorOf(() => readVex(JSON.stringify({ '@context': 'https://openvex.dev/ns/v0.2.0' }), 'v')).message,
    ).toMatch(/must have required property 'statements'/);
  });
});

describe('readVex input errors', () => {
  it('names what is wrong', () => {
    expect(errorOf(() => readVex('', 'v')).message).toMatch(/empty VEX document/);
    expect(errorOf(() => readVex('{"statements": [}', 'v')).message).toMatch(/^invalid JSON in VEX document/);
    expect(errorOf(() => readVex('{"spdxVersion": "SPDX-2.3"}', 'v')).message).toMatch(/not a VEX document/);
    expect(
      errorOf(() => readVex('<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><oops></bom>', 'v')).message,
    ).toMatch(/^invalid XML/);
  });

  it('returns no statements for a CycloneDX BOM without vulnerabilities', () => {
    expect(readVex('{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": []}', 'bom.json')).toEqual(
      [],
    );
  });
});

describe('vexSuppresses', () => {
  const cdx = () => readVex(fixture('vex.cdx.json'), 'vex.cdx.json');
  const openvex = () => readVex(fixture('vex.openvex.json'), 'vex.openvex.json');

  it('suppresses a not_affected advisory by id or alias, ignoring purl qualifiers', () => {
    const log4j = 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1';
    expect(vexSuppresses(cdx(), ['GHSA-jfh8-c2jp-5v3q', 'CVE-2021-44228'], log4j)?.justification).toBe(
      'code_not_reachable',
    );
    expect(vexSuppresses(cdx(), ['ghsa-jfh8-c2jp-5v3q'], `${log4j}?classifier=sources`)).toBeDefined();
    expect(vexSuppresses(openvex(), ['GHSA-jfh8-c2jp-5v3q'], log4j)?.source).toBe('vex.openvex.json');
  });

  it('does not suppress another version, another package or another advisory', () => {
    expect(
      vexSuppresses(cdx(), ['CVE-2021-44228'], 'pkg:maven/org.apache.logging.log4j/log4j-core@2.15.0'),
    ).toBe(undefined);
    expect(
      vexSuppresses(cdx(), ['CVE-2021-44228'], 'pkg:maven/org.apache.logging.log4j/log4j-api@2.14.1'),
    ).toBe(undefined);
    expect(
      vexSuppresses(cdx(), ['CVE-2021-45046'], 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1'),
    ).toBe(undefined);
    expect(vexSuppresses(cdx(), ['CVE-2021-44228'], 'not a purl')).toBe(undefined);
  });

  it('suppresses fixed (including resolved_with_pedigree), not affected or under investigation', () => {
    expect(vexSuppresses(cdx(), ['GHSA-p6xc-xr62-6r2g'], 'pkg:npm/@babel/traverse@7.23.0')?.status).toBe(
      'fixed',
    );
    expect(vexSuppresses(cdx(), ['CVE-2023-1370'], 'pkg:maven/net.minidev/json-smart@2.4.8')).toBe(undefined);
    expect(vexSuppresses(openvex(), ['CVE-2024-9999'], 'pkg:pypi/django-rest@1.0')).toBe(undefined);
  });

  it('treats a product without a version as every version', () => {
    expect(vexSuppresses(openvex(), ['GHSA-35jh-r3h4-6jhm'], 'pkg:npm/lodash@4.17.20')?.status).toBe('fixed');
    expect(vexSuppresses(openvex(), ['GHSA-35jh-r3h4-6jhm'], 'pkg:npm/lodash-es@4.17.20')).toBe(undefined);
  });

  it('lets the latest statement decide', () => {
    // not_affected on 1 March, affected on 5 March: still affected.
    expect(vexSuppresses(openvex(), ['CVE-2022-24999'], 'pkg:npm/qs@6.5.2')).toBe(undefined);
    const [older, newer] = openvex().filter((s) => s.vulnerability === 'CVE-2022-24999') as [
      VexStatement,
      VexStatement,
    ];
    expect(vexSuppresses([newer, older], ['CVE-2022-24999'], 'pkg:npm/qs@6.5.2')).toBe(undefined);
    const flipped = [{ ...newer, timestamp: '2024-02-01T00:00:00Z' }, older];
    expect(vexSuppresses(flipped, ['CVE-2022-24999'], 'pkg:npm/qs@6.5.2')).toBe(older);
    // Without timestamps, the later statement in the list wins.
    const plain = [
      { ...older, timestamp: undefined },
      { ...newer, timestamp: undefined },
    ];
    expect(vexSuppresses(plain, ['CVE-2022-24999'], 'pkg:npm/qs@6.5.2')).toBe(undefined);
    expect(vexSuppresses([...plain].reverse(), ['CVE-2022-24999'], 'pkg:npm/qs@6.5.2')?.status).toBe(
      'not_affected',
    );
  });

  it('matches PyPI names per PEP 503, npm scopes encoded or not, Go versions with or without v', () => {
    expect(
      vexSuppresses(
        [
          {
            vulnerability: 'X-1',
            products: ['pkg:pypi/Django_Rest@1.0'],
            status: 'not_affected',
            source: 'v',
          },
        ],
        ['X-1'],
        'pkg:pypi/django-rest@1.0',
      ),
    ).toBeDefined();
    expect(
      vexSuppresses(
        [{ vulnerability: 'X-1', products: ['pkg:npm/@scope/pkg@1.0.0'], status: 'fixed', source: 'v' }],
        ['X-1'],
        'pkg:npm/%40scope/pkg@1.0.0',
      ),
    ).toBeDefined();
    expect(
      vexSuppresses(
        readVex(fixture('vex-v0.0.openvex.json'), 'old.json'),
        ['CVE-2014-123456'],
        'pkg:golang/github.com/foo/bar@1.2.3',
      ),
    ).toBeDefined();
  });
});
