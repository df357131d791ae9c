import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { AdvisoryDbError } from './errors.js';

/**
 * How records are stored in `advisories.record`. Measured on the 11,442 records of the shared corpus
 * (1,544 bytes of minified JSON on average): raw JSON 17.7 MB; gzip 8.3 MB; raw deflate with the
 * preset dictionary below 6.2 MB at the same speed (about 45 µs a record to compress, 20 µs to
 * inflate). Small records compress badly on their own because every one repeats the same keys and
 * URL prefixes; a preset dictionary gives the compressor those strings up front.
 *
 * The codec name and the dictionary are written into the database's `meta` table, so a database stays
 * readable when a later version of this file changes the dictionary.
 */
export const RECORD_CODEC = 'deflate-raw+dict';

/**
 * Frequent fragments of OSV records (keys in the order upstream databases write them, common values
 * and URL prefixes). zlib favours the end of the dictionary, so the most frequent strings come last.
 */
const DICTIONARY_TEXT = [
  '"credits":[{"name":"","type":"FINDER"},{"type":"REPORTER"}],"type":"ANALYST"',
  '"ecosystem_specific":{"imports":[{"path":"","symbols":["affects":{"arch":[],"os":[],"functions":[]}',
  '"type":"GIT","repo":"https://github.com/","events":[{"introduced":"0"},{"fixed":"',
  '{"type":"PACKAGE","url":"https://pypi.org/project/"},{"type":"PACKAGE","url":"https://www.npmjs.com/package/"}',
  '{"type":"ARTICLE","url":"https://"},{"type":"REPORT","url":"https://github.com/',
  '/issues/"},{"type":"FIX","url":"https://github.com/","/pull/","/commit/","/releases/tag/v',
  '{"type":"WEB","url":"https://security.snyk.io/vuln/SNYK-","https://security.netapp.com/advisory/ntap-',
  '"https://lists.fedoraproject.org/archives/list/package-announce@lists.fedoraproject.org/message/',
  '"database_specific":{"cwe_ids":["CWE-79","CWE-20","CWE-400","CWE-22","CWE-1321"],"github_reviewed":true,',
  '"github_reviewed_at":"","nvd_published_at":null,"severity":"MODERATE"},"severity":"HIGH"},"severity":"LOW"}',
  '"severity":"CRITICAL"},"source":"https://github.com/github/advisory-database/blob/main/advisories/',
  '"malicious-packages-origins":[{"source":"ghsa-malware","sha256":"","import_time":"","modified_time":"',
  '"details":"\\n\\n---\\n_-= Per source details. Do not edit below this line.=-_\\n\\n## Source: ghsa-malware (',
  '"summary":"Malicious code in ","details":"Any computer that has this package installed or running ',
  'should be considered fully compromised. ',
  '"severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],',
  '{"type":"CVSS_V4","score":"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"}',
  '"affected":[{"package":{"ecosystem":"npm","name":"","purl":"pkg:npm/"},"ranges":[{"type":"SEMVER",',
  '"ecosystem":"PyPI","purl":"pkg:pypi/","ecosystem":"Go","purl":"pkg:golang/github.com/',
  '"ecosystem":"Maven","purl":"pkg:maven/","ecosystem":"crates.io","purl":"pkg:cargo/',
  '"ecosystem":"RubyGems","purl":"pkg:gem/","ecosystem":"Packagist","purl":"pkg:composer/',
  '"ecosystem":"NuGet","purl":"pkg:nuget/","ecosystem":"Debian:12","ecosystem":"Alpine:v3.20",',
  '"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":""},{"last_affected":""}]}],',
  '"versions":["","database_specific":{"last_known_affected_version_range":"<= "}}],',
  '"references":[{"type":"ADVISORY","url":"https://nvd.nist.gov/vuln/detail/CVE-20',
  '{"type":"WEB","url":"https://github.com/","{"type":"PACKAGE","url":"https://github.com/',
  '{"type":"ADVISORY","url":"https://github.com/advisories/GHSA-',
  '{"schema_version":"1.6.0","id":"GHSA-","modified":"20","T00:00:00Z","published":"20',
  '.000Z","aliases":["CVE-20"],"related":[],"summary":"","details":"',
].join('');

export const DEFAULT_DICTIONARY = Buffer.from(DICTIONARY_TEXT, 'utf8');

/** Encodes and decodes stored records with the codec and dictionary a database was written with. */
export class RecordCodec {
  constructor(
    readonly name: string,
    private readonly dictionary: Buffer,
  ) {
    if (name !== RECORD_CODEC && name !== 'json')
      throw new AdvisoryDbError(
        `records are stored with codec '${name}', which this version of Rampart cannot read`,
        'version',
      );
  }

  encode(json: string): Buffer {
    if (this.name === 'json') return Buffer.from(json, 'utf8');
    return deflateRawSync(json, { dictionary: this.dictionary });
  }

  /** The dictionary, for a worker that compresses with this codec; undefined when records are not compressed. */
  get dictionaryForWorker(): Buffer | undefined {
    return this.name === RECORD_CODEC ? this.dictionary : undefined;
  }

  decode(blob: Buffer): string {
    if (this.name === 'json') return blob.toString('utf8');
    return inflateRawSync(blob, { dictionary: this.dictionary }).toString('utf8');
  }
}
