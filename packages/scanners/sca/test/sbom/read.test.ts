import { describe, expect, it } from 'vitest';
import { ExtractError, type Component } from '../../src/model.js';
import { readSbom, toCycloneDx, toCycloneDxXml, toSpdx, type SbomInventory } from '../../src/sbom/index.js';
import { fixture, META, sampleInventory } from './support.js';

/** The fields a round trip must keep (offsets are not written; the SBOM's own path is not the lockfile). */
function essentials(c: Component) {
  return {
    ref: c.ref,
    name: c.name,
    version: c.version,
    ecosystem: c.ecosystem,
    purl: c.purl,
    direct: c.direct,
    scope: c.scope,
    depGroups: c.depGroups,
    dependsOn: c.dependsOn,
    source: c.source,
    licenses: c.licenses,
    paths: c.paths,
  };
}

function expected() {
  return sampleInventory()
    .components.map(essentials)
    .sort((a, b) => (a.ref < b.ref ? -1 : 1));
}

function named(inventory: SbomInventory, name: string): Component {
  const found = inventory.components.find((c) => c.name === name);
  if (!found)
    throw new Error(`no component ${name} in ${inventory.components.map((c) => c.name).join(', ')}`);
  return found;
}

function errorOf(run: () => unknown): ExtractError {
  try {
    run();
  } catch (error) {
    if (error instanceof ExtractError) return error;
    throw new Error(`expected an ExtractError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected an ExtractError, got none');
}

describe('round trip: write, then read back', () => {
  it('CycloneDX JSON keeps components, edges, scopes, groups, licences and sources', () => {
    const read = readSbom(JSON.stringify(toCycloneDx(sampleInventory(), META), null, 2), 'sbom/bom.cdx.json');
    expect(read.format).toBe('cyclonedx-json');
    expect(read.skipped).toEqual([]);
    expect(read.components.map(essentials)).toEqual(expected());
  });

  it('CycloneDX XML keeps the same', () => {
    const read = readSbom(toCycloneDxXml(sampleInventory(), META), 'sbom/bom.cdx.xml');
    expect(read.format).toBe('cyclonedx-xml');
    expect(read.components.map(essentials)).toEqual(expected());
  });

  it('SPDX JSON keeps the same (non-SPDX licence texts come back through hasExtractedLicensingInfos)', () => {
    const read = readSbom(JSON.stringify(toSpdx(sampleInventory(), META)), 'sbom/bom.spdx.json');
    expect(read.format).toBe('spdx-json');
    expect(read.skipped).toEqual([]);
    expect(read.components.map(essentials)).toEqual(expected());
  });

  it('keeps commits, Go versions without their v, and distro releases', () => {
    const go: Component = {
      ref: 'go.mod#github.com/gorilla/mux@1.8.1',
      name: 'github.com/gorilla/mux',
      version: '1.8.1',
      ecosystem: 'Go',
      purl: 'pkg:golang/github.com/gorilla/mux@v1.8.1',
      direct: true,
      scope: 'prod',
      depGroups: [],
      paths: [['github.com/gorilla/mux@1.8.1']],
      dependsOn: [],
      source: 'go.mod',
      commit: '0123456789abcdef0123456789abcdef01234567',
    };
    const deb: Component = {
      ...go,
      ref: 'var/lib/dpkg/status#openssl@3.0.11-1~deb12u2',
      name: 'openssl',
      version: '3.0.11-1~deb12u2',
      ecosystem: 'Debian',
      ecosystemVariant: 'Debian:12',
      purl: 'pkg:deb/debian/openssl@3.0.11-1~deb12u2?distro=debian-12',
      paths: [['openssl@3.0.11-1~deb12u2']],
      source: 'var/lib/dpkg/status',
      commit: undefined,
    };
    delete deb.commit;
    const apk: Component = {
      ...deb,
      ref: 'lib/apk/db/installed#busybox@1.36.1-r15',
      name: 'busybox',
      version: '1.36.1-r15',
      ecosystem: 'Alpine',
      ecosystemVariant: 'Alpine:v3.19',
      purl: 'pkg:apk/alpine/busybox@1.36.1-r15?distro=alpine-3.19',
      paths: [['busybox@1.36.1-r15']],
      source: 'lib/apk/db/installed',
    };
    for (const text of [
      JSON.stringify(toCycloneDx({ components: [go, deb, apk] }, META)),
      toCycloneDxXml({ components: [go, deb, apk] }, META),
      JSON.stringify(toSpdx({ components: [go, deb, apk] }, META)),
    ]) {
      expect(readSbom(text, 'bom').components).toEqual([go, apk, deb]);
    }
  });
});

describe('third-party SBOMs', () => {
  it('reads a syft-style CycloneDX JSON: purls, versions, licences, graph; skips what cannot be scanned', () => {
    const read = readSbom(fixture('syft.cdx.json'), 'sbom/syft.cdx.json');
    expect(read.components.map((c) => `${c.ecosystem}:${c.name}@${c.version}`)).toEqual([
      'Alpine:busybox@1.36.1-r15',
      'Go:github.com/gorilla/mux@1.8.1',
      'npm:@types/node@20.11.5',
      'npm:lodash@4.17.20',
      'npm:undici-types@5.26.5',
      'PyPI:PyYAML@6.0.1',
    ]);
    expect(read.skipped).toEqual([
      { name: 'actions/checkout', reason: 'purl type "github" is not scanned' },
      { name: 'alpine', reason: 'no purl' },
      { name: '/package-lock.json', reason: 'no purl' },
    ]);
    const types = named(read, '@types/node');
    expect(types).toMatchObject({
      ref: 'sbom/syft.cdx.json#pkg:npm/%40types/node@20.11.5?package-id=9d8e7f6a5b4c3d21',
      source: 'sbom/syft.cdx.json',
      purl: 'pkg:npm/%40types/node@20.11.5',
      direct: true,
      scope: 'prod',
      licenses: ['MIT'],
      dependsOn: ['sbom/syft.cdx.json#pkg:npm/undici-types@5.26.5?package-id=1a2b3c4d5e6f7081'],
    });
    // No root edges: what nothing depends on is direct.
    expect(named(read, 'undici-types')).toMatchObject({
      direct: false,
      paths: [['@types/node@20.11.5', 'undici-types@5.26.5']],
    });
    expect(named(read, 'lodash').direct).toBe(true);
    expect(named(read, 'PyYAML').licenses).toEqual(['MIT License']);
    expect(named(read, 'busybox').ecosystemVariant).toBe('Alpine:v3.19');
  });

  it('reads CycloneDX XML from another tool: groups, nested graph, scopes, CDATA and entities', () => {
    const read = readSbom(fixture('maven-plugin.cdx.xml'), 'billing/target/bom.xml');
    expect(read.format).toBe('cyclonedx-xml');
    expect(read.skipped).toEqual([]);
    expect(read.components.map((c) => [c.name, c.version, c.direct, c.scope])).toEqual([
      ['com.fasterxml.jackson.core:jackson-core', '2.13.4', false, 'prod'],
      ['com.fasterxml.jackson.core:jackson-databind', '2.13.4.2', true, 'prod'],
      ['junit:junit', '4.13.2', true, 'dev'],
      ['org.hamcrest:hamcrest-core', '1.3', false, 'optional'],
    ]);
    const databind = named(read, 'com.fasterxml.jackson.core:jackson-databind');
    expect(databind.licenses).toEqual(['Apache-2.0']);
    expect(databind.dependsOn).toEqual([
      'billing/target/bom.xml#pkg:maven/com.fasterxml.jackson.core/jackson-core@2.13.4?type=jar',
    ]);
    expect(named(read, 'com.fasterxml.jackson.core:jackson-core').paths).toEqual([
      [
        'com.fasterxml.jackson.core:jackson-databind@2.13.4.2',
        'com.fasterxml.jackson.core:jackson-core@2.13.4',
      ],
    ]);
    expect(named(read, 'junit:junit')).toMatchObject({
      depGroups: ['dev'],
      licenses: ['Eclipse Public License 1.0 & more'],
    });
  });

  it('reads CycloneDX XML with a namespace prefix and 1.4 namespace', () => {
    const xml = `<?xml version="1.0"?>
<cdx:bom xmlns:cdx="http://cyclonedx.org/schema/bom/1.4" version="1">
  <cdx:components>
    <cdx:component type="library" bom-ref="a">
      <cdx:name>left-pad</cdx:name>
      <cdx:version>1.3.0</cdx:version>
      <cdx:purl>pkg:npm/left-pad@1.3.0</cdx:purl>
    </cdx:component>
  </cdx:components>
</cdx:bom>`;
    const read = readSbom(xml, 'bom.xml');
    expect(read.components.map((c) => [c.ref, c.name, c.version, c.direct])).toEqual([
      ['bom.xml#a', 'left-pad', '1.3.0', true],
    ]);
  });

  it('reads a Trivy-style SPDX: the described image is the root, CONTAINS is no dependency', () => {
    const read = readSbom(fixture('trivy.spdx.json'), 'web.spdx.json');
    expect(read.format).toBe('spdx-json');
    expect(read.components.map((c) => `${c.ecosystemVariant ?? c.ecosystem}:${c.name}@${c.version}`)).toEqual(
      [
        'Debian:12:openssl@3.0.11-1~deb12u2',
        'Debian:12:libssl3@3.0.11-1~deb12u2',
        'npm:minimist@1.2.5',
        'npm:mkdirp@0.5.5',
        'npm:jest@29.7.0',
      ],
    );
    expect(read.skipped).toEqual([
      { name: 'debian', reason: 'no purl' },
      { name: 'package-lock.json', reason: 'no purl' },
      { name: 'bash', reason: 'deb packages of "ubuntu" are not scanned' },
    ]);
    const ref = (id: string) => `web.spdx.json#SPDXRef-Package-${id}`;
    expect(named(read, 'openssl')).toMatchObject({
      ref: ref('1a1a1a1a1a1a1a1a'),
      direct: true,
      licenses: ['Apache-2.0'],
      dependsOn: [ref('2b2b2b2b2b2b2b2b')],
      source: 'web.spdx.json',
    });
    expect(named(read, 'libssl3')).toMatchObject({ direct: false });
    expect(named(read, 'libssl3').licenses).toBeUndefined();
    expect(named(read, 'mkdirp')).toMatchObject({
      direct: true,
      licenses: ['MIT/X11'],
      dependsOn: [ref('4d4d4d4d4d4d4d4d'), ref('6f6f6f6f6f6f6f6f')],
    });
    expect(named(read, 'minimist')).toMatchObject({ direct: false, scope: 'prod', licenses: ['MIT'] });
    expect(named(read, 'jest')).toMatchObject({ direct: false, scope: 'dev', depGroups: ['dev'] });
  });

  it('reads an SPDX document whose root DEPENDS_ON its packages, with documentDescribes', () => {
    const doc = {
      spdxVersion: 'SPDX-2.2',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'com.github.example/app',
      documentDescribes: ['SPDXRef-com.github.example-app'],
      packages: [
        { SPDXID: 'SPDXRef-com.github.example-app', name: 'com.github.example/app', versionInfo: 'main' },
        {
          SPDXID: 'SPDXRef-npm-react-18.2.0',
          name: 'npm:react',
          versionInfo: '18.2.0',
          licenseConcluded: 'MIT',
          externalRefs: [
            {
              referenceCategory: 'PACKAGE-MANAGER',
              referenceType: 'purl',
              referenceLocator: 'pkg:npm/react@18.2.0',
            },
          ],
        },
        {
          SPDXID: 'SPDXRef-npm-loose-envify-1.4.0',
          name: 'npm:loose-envify',
          versionInfo: '1.4.0',
          externalRefs: [
            {
              referenceCategory: 'PACKAGE-MANAGER',
              referenceType: 'purl',
              referenceLocator: 'pkg:npm/loose-envify@1.4.0',
            },
          ],
        },
      ],
      relationships: [
        {
          spdxElementId: 'SPDXRef-com.github.example-app',
          relationshipType: 'DEPENDS_ON',
          relatedSpdxElement: 'SPDXRef-npm-react-18.2.0',
        },
        {
          spdxElementId: 'SPDXRef-npm-react-18.2.0',
          relationshipType: 'DEPENDS_ON',
          relatedSpdxElement: 'SPDXRef-npm-loose-envify-1.4.0',
        },
      ],
    };
    const read = readSbom(JSON.stringify(doc), 'deps.spdx.json');
    expect(read.components.map((c) => [c.name, c.version, c.direct, c.licenses])).toEqual([
      ['loose-envify', '1.4.0', false, undefined],
      ['react', '18.2.0', true, ['MIT']],
    ]);
  });

  it('takes every package of a flat SPDX list, even when the document describes them all', () => {
    const pkg = (id: string, purl: string) => ({
      SPDXID: id,
      name: id,
      externalRefs: [{ referenceType: 'purl', referenceLocator: purl }],
    });
    const doc = {
      spdxVersion: 'SPDX-2.3',
      documentDescribes: ['SPDXRef-a', 'SPDXRef-b'],
      packages: [pkg('SPDXRef-a', 'pkg:cargo/serde@1.0.200'), pkg('SPDXRef-b', 'pkg:gem/rails@7.1.3')],
    };
    const read = readSbom(JSON.stringify(doc), 'x.spdx.json');
    expect(read.components.map((c) => [c.ecosystem, c.name, c.version, c.direct])).toEqual([
      ['crates.io', 'serde', '1.0.200', true],
      ['RubyGems', 'rails', '7.1.3', true],
    ]);
  });

  it('maps every supported purl type to its ecosystem', () => {
    const purls = [
      ['pkg:npm/%40angular/core@17.0.0', 'npm', '@angular/core', '17.0.0'],
      ['pkg:pypi/requests@2.31.0', 'PyPI', 'requests', '2.31.0'],
      ['pkg:golang/golang.org/x/net@v0.17.0', 'Go', 'golang.org/x/net', '0.17.0'],
      ['pkg:golang/stdlib@1.21.10', 'Go', 'stdlib', '1.21.10'],
      ['pkg:cargo/tokio@1.37.0', 'crates.io', 'tokio', '1.37.0'],
      ['pkg:gem/nokogiri@1.16.4', 'RubyGems', 'nokogiri', '1.16.4'],
      ['pkg:composer/symfony/http-kernel@6.4.0', 'Packagist', 'symfony/http-kernel', '6.4.0'],
      ['pkg:maven/org.yaml/snakeyaml@1.33', 'Maven', 'org.yaml:snakeyaml', '1.33'],
      ['pkg:nuget/Newtonsoft.Json@13.0.1', 'NuGet', 'Newtonsoft.Json', '13.0.1'],
      ['pkg:pub/http@1.2.1', 'Pub', 'http', '1.2.1'],
      ['pkg:hex/phoenix@1.7.12', 'Hex', 'phoenix', '1.7.12'],
      ['pkg:conan/zlib@1.3.1', 'ConanCenter', 'zlib', '1.3.1'],
      ['pkg:cran/jsonlite@1.8.8', 'CRAN', 'jsonlite', '1.8.8'],
      ['pkg:apk/alpine/musl@1.2.4-r2?distro=3.18.4', 'Alpine', 'musl', '1.2.4-r2'],
      ['pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?distro=bookworm', 'Debian', 'zlib1g', '1:1.2.13.dfsg-1'],
    ] as const;
    const bom = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: purls.map(([purl], i) => ({ 'bom-ref': `c${i}`, type: 'library', purl })),
    };
    const read = readSbom(JSON.stringify(bom), 'bom.json');
    expect(read.skipped).toEqual([]);
    const got = new Map(read.components.map((c) => [c.purl, [c.ecosystem, c.name, c.version]]));
    for (const [purl, ecosystem, name, version] of purls)
      expect(got.get(purl), purl).toEqual([ecosystem, name, version]);
    expect(read.components.find((c) => c.name === 'musl')!.ecosystemVariant).toBe('Alpine:v3.18');
    expect(read.components.find((c) => c.name === 'zlib1g')!.ecosystemVariant).toBe('Debian:12');
  });

  it('keeps the declared spelling of a name the purl lower-cases', () => {
    const bom = {
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      components: [
        { type: 'library', name: 'Flask_Login', version: '0.6.3', purl: 'pkg:pypi/flask-login@0.6.3' },
        { type: 'library', name: 'JSONStream', version: '1.3.5', purl: 'pkg:npm/jsonstream@1.3.5' },
        { type: 'library', name: 'something-else', version: '1.0.0', purl: 'pkg:npm/real-name@1.0.0' },
      ],
    };
    const read = readSbom(JSON.stringify(bom), 'bom.json');
    expect(read.components.map((c) => c.name).sort()).toEqual(['Flask_Login', 'JSONStream', 'real-name']);
    // Without a bom-ref, the purl makes the ref.
    expect(read.components.map((c) => c.ref)).toContain('bom.json#pkg:pypi/flask-login@0.6.3');
  });

  it('flattens nested components and gives duplicate-looking refs distinct suffixes', () => {
    const bom = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: [
        {
          type: 'application',
          name: 'outer',
          purl: 'pkg:npm/outer@1.0.0',
          components: [{ type: 'library', name: 'inner', purl: 'pkg:npm/inner@2.0.0' }],
        },
        { type: 'library', name: 'inner', purl: 'pkg:npm/inner@2.0.0' },
      ],
    };
    const read = readSbom(JSON.stringify(bom), 'b.json');
    expect(read.components.map((c) => c.ref)).toEqual([
      'b.json#pkg:npm/inner@2.0.0',
      'b.json#pkg:npm/inner@2.0.0~2',
      'b.json#pkg:npm/outer@1.0.0',
    ]);
  });

  it('accepts a byte-order mark', () => {
    const text = `\uFEFF${JSON.stringify(toCycloneDx(sampleInventory(), META))}`;
    expect(readSbom(text, 'bom.json').components).toHaveLength(8);
  });
});

describe('bad input', () => {
  it('reports a JSON syntax error with its line', () => {
    const text = JSON.stringify(toCycloneDx(sampleInventory(), META), null, 2);
    const truncated = text.slice(0, text.indexOf('"dependencies"'));
    const error = errorOf(() => readSbom(truncated, 'bom.json'));
    expect(error.message).toMatch(/^invalid JSON in SBOM/);
    expect(error.line).toBeGreaterThan(100);
    const broken = errorOf(() =>
      readSbom('{\n  "bomFormat": "CycloneDX",\n  "specVersion": 1.6,,\n}', 'bom.json'),
    );
    expect(broken.line).toBe(3);
  });

  it('names the format problems', () => {
    const cases: [string, RegExp][] = [
      ['', /empty SBOM/],
      ['   \n', /empty SBOM/],
      ['[]', /not a CycloneDX or SPDX document/],
      ['{"name": "x"}', /not a CycloneDX or SPDX document/],
      ['{"bomFormat": "CycloneDX"}', /CycloneDX document: .*must have required property 'specVersion'/],
      ['{"bomFormat": "CycloneDX", "specVersion": "2.0"}', /unsupported CycloneDX specVersion "2.0"/],
      [
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": {}}',
        /CycloneDX document: components must be array/,
      ],
      [
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"purl": 5}]}',
        /CycloneDX document: components\.0\.purl must be string/,
      ],
      [
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "dependencies": [{"dependsOn": []}]}',
        /dependencies\.0 must have required property 'ref'/,
      ],
      [
        '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"bom-ref": "a"}, {"bom-ref": "a"}]}',
        /duplicate bom-ref "a"/,
      ],
      [
        '{"spdxVersion": "SPDX-2.3", "packages": [{"name": "x"}]}',
        /SPDX document: packages\.0 must have required property 'SPDXID'/,
      ],
      ['{"spdxVersion": "SPDX-2.1"}', /unsupported spdxVersion "SPDX-2.1"/],
      ['{"spdxVersion": "SPDX-3.0"}', /SPDX 3 documents are not supported/],
      [
        '{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": []}',
        /SPDX 3 documents are not supported/,
      ],
      [
        '{"spdxVersion": "SPDX-2.3", "packages": [{"SPDXID": "SPDXRef-a"}, {"SPDXID": "SPDXRef-a"}]}',
        /duplicate SPDXID "SPDXRef-a"/,
      ],
      ['SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n', /SPDX tag-value documents are not supported/],
      ['{"@context": "https://openvex.dev/ns/v0.2.0", "statements": []}', /OpenVEX document, not an SBOM/],
    ];
    for (const [text, message] of cases)
      expect(errorOf(() => readSbom(text, 'bom')).message, text).toMatch(message);
  });

  it('reports malformed XML with its line, and refuses a DOCTYPE', () => {
    const xml = toCycloneDxXml(sampleInventory(), META);
    const lines = xml.split('\n');
    lines[30] = lines[30]!.replace('</', '</x');
    const mismatched = errorOf(() => readSbom(lines.join('\n'), 'bom.xml'));
    expect(mismatched.message).toMatch(/^invalid XML: /);
    expect(mismatched.line).toBe(31);
    const truncated = errorOf(() => readSbom(xml.slice(0, 2000), 'bom.xml'));
    expect(truncated.message).toMatch(/^invalid XML: /);
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE bom [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components><component type="library"><name>&b;</name></component></components></bom>`;
    const doctype = errorOf(() => readSbom(bomb, 'bom.xml'));
    expect(doctype.message).toMatch(/DOCTYPE declarations are not allowed/);
    expect(doctype.line).toBe(2);
  });

  it('refuses XML that is not a CycloneDX BOM', () => {
    expect(errorOf(() => readSbom('<project><name>x</name></project>', 'pom.xml')).message).toMatch(
      /root element is <project>, not <bom>/,
    );
    expect(errorOf(() => readSbom('<bom xmlns="http://example.com/bom"/>', 'b.xml')).message).toMatch(
      /not in a http:\/\/cyclonedx\.org\/schema\/bom\/1\.x namespace/,
    );
    expect(
      errorOf(() => readSbom('<bom xmlns="http://cyclonedx.org/schema/bom/1.1"><components/></bom>', 'b.xml'))
        .message,
    ).toMatch(/unsupported CycloneDX specVersion "1.1"/);
    expect(
      errorOf(() =>
        readSbom(
          '<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><dependencies><dependency/></dependencies></bom>',
          'b.xml',
        ),
      ).message,
    ).toMatch(/dependencies\.0 must have required property 'ref'/);
  });
});
