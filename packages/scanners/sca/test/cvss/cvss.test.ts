import { describe, expect, it } from 'vitest';
import {
  baseScore,
  CvssError,
  cvssScores,
  parseCvss,
  severityOf,
  toRampartSeverity,
  tryParseCvss,
  type CvssRating,
  type CvssVector,
} from '../../src/cvss/index.js';

/** [vector, base score] pairs. */
type Known = readonly [vector: string, score: number][];

// FIRST, "CVSS v3.1: Examples" (the document's worked examples; the CVE is each example's subject).
const V31_SPEC_EXAMPLES: Known = [
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1], // CVE-2013-1937 phpMyAdmin reflected XSS
  ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N', 6.4], // CVE-2013-0375 MySQL stored SQL injection
  ['CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N', 3.1], // CVE-2014-3566 SSLv3 POODLE
  ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H', 9.9], // CVE-2012-1516 VMware guest to host escape
  ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 8.8], // CVE-2012-0384 Cisco IOS command execution
  ['CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 7.8], // CVE-2015-1098 Apple iWork
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 7.5], // CVE-2014-0160 OpenSSL Heartbleed
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8], // CVE-2014-6271 GNU Bash Shellshock
  ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N', 6.8], // CVE-2008-1447 DNS cache poisoning
  ['CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 6.8], // CVE-2014-2005 Sophos login screen bypass
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N', 5.8], // CVE-2010-0467 Joomla directory traversal
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:L/A:N', 5.8], // CVE-2012-1342 Cisco ACL bypass
  ['CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H', 9.3], // CVE-2013-6014 Juniper proxy ARP
  ['CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N', 5.4], // CVE-2014-9253 DokuWiki stored XSS
  ['CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 8.8], // CVE-2011-1265 Windows Bluetooth RCE
  ['CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', 4.6], // CVE-2014-2019 iOS security control bypass
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 8.8], // CVE-2015-0970 SearchBlox CSRF
  ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N', 7.4], // CVE-2014-0224 OpenSSL CCS injection
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H', 9.6], // CVE-2012-5376 Chrome IPC sandbox escape
  ['CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:N', 6.8], // CVE-2016-0128 Badlock
  ['CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H', 8.2], // CVE-2016-5729 Lenovo BIOS
  ['CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 7.6], // CVE-2018-3652 Intel DCI
];

// FIRST, "CVSS v3.0: Examples": the same examples under the v3.0 prefix score the same.
const V30_SPEC_EXAMPLES: Known = [
  ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 7.5], // Heartbleed
  ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8], // Shellshock
  ['CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1], // phpMyAdmin XSS
  ['CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H', 9.9], // VMware escape
];

// NVD-published v3.x base scores of well-known CVEs and of the most common NVD vectors.
const V3_NVD: Known = [
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10.0], // CVE-2021-44228 Log4Shell
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H', 9.1], // CVE-2019-10744 lodash prototype pollution
  ['CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H', 7.2], // CVE-2021-23337 lodash command injection
  ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H', 7.4], // CVE-2020-8203 lodash prototype pollution
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N', 5.3],
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 7.5],
  ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H', 5.5],
  ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8],
  ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N', 6.5],
  ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N', 4.3],
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:L/A:N', 4.3],
  ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H', 8.1],
  ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N', 3.3],
  ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H', 5.9],
  ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H', 9.0],
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0.0], // no impact
];

// FIRST, "A Complete Guide to the CVSS Version 2.0", §3.3 worked examples: [vector, base, temporal, environmental].
const V2_GUIDE_EXAMPLES: readonly [string, number, number, number][] = [
  // CVE-2002-0392, Apache chunked encoding.
  ['AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:H', 7.8, 6.4, 9.2],
  // CVE-2003-0818, Microsoft Windows ASN.1.
  ['AV:N/AC:L/Au:N/C:C/I:C/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:L', 10.0, 8.3, 9.0],
  // CVE-2003-0062, Eset NOD32 buffer overflow.
  ['AV:L/AC:H/Au:N/C:C/I:C/A:C/E:POC/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:M', 6.2, 4.9, 7.5],
];

// NVD-published v2 base scores of well-known CVEs and of the most common NVD v2 vectors.
const V2_NVD: Known = [
  ['AV:N/AC:M/Au:N/C:C/I:C/A:C', 9.3], // CVE-2021-44228 Log4Shell
  ['AV:N/AC:L/Au:N/C:P/I:N/A:N', 5.0], // CVE-2014-0160 Heartbleed
  ['AV:N/AC:L/Au:N/C:C/I:C/A:C', 10.0], // CVE-2014-6271 Shellshock
  ['AV:N/AC:L/Au:N/C:P/I:P/A:P', 7.5], // CVE-2022-22965 Spring4Shell
  ['AV:N/AC:L/Au:N/C:N/I:P/A:P', 6.4], // CVE-2019-10744 lodash
  ['AV:N/AC:L/Au:S/C:P/I:P/A:P', 6.5], // CVE-2021-23337 lodash
  ['AV:N/AC:M/Au:N/C:N/I:P/A:P', 5.8], // CVE-2020-8203 lodash
  ['AV:N/AC:M/Au:N/C:P/I:P/A:P', 6.8],
  ['AV:N/AC:M/Au:N/C:N/I:P/A:N', 4.3],
  ['AV:N/AC:L/Au:N/C:N/I:N/A:P', 5.0],
  ['AV:L/AC:L/Au:N/C:C/I:C/A:C', 7.2],
  ['AV:L/AC:L/Au:N/C:P/I:N/A:N', 2.1],
  ['AV:N/AC:L/Au:S/C:N/I:P/A:N', 4.0],
  ['AV:N/AC:M/Au:S/C:N/I:P/A:N', 3.5],
  ['AV:N/AC:L/Au:N/C:N/I:N/A:C', 7.8],
  ['AV:L/AC:L/Au:N/C:N/I:N/A:C', 4.9],
  ['AV:N/AC:L/Au:N/C:N/I:N/A:N', 0.0],
];

// CVSS v4.0. Scores as published for these vectors: FIRST's v4.0 examples and calculator, and the
// CVSS-B scores NVD and GitHub advisories carry for the most common vectors. Each vector whose
// metrics equal a MacroVector's highest severity vector scores exactly that MacroVector's entry in
// the specification's table (000200 = 9.3, 000100 = 10, 010200 = 9.2, 200200 = 7.0 ...).
const V4_PUBLISHED: Known = [
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.3],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', 10.0],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 8.7],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N', 8.7],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N', 8.7],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N', 6.9],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N', 6.9],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N', 6.9],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N', 5.3],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N', 5.3],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N', 5.1],
  ['CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 8.5],
  ['CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 8.5],
  ['CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.2],
  ['CVSS:4.0/AV:N/AC:H/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.2],
  ['CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 7.0],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N', 0.0], // no impact at all
];

// CVSS v4.0 with threat and environmental metrics, which change the score. The first is the example
// of the reference calculator's documentation (CVSS-BTE 8.7); the others follow from the MacroVector
// table: E:P and E:U move EQ5 (000210 = 8.9, 000220 = 8.1), CR/IR/AR:L move EQ6 (000201 = 8.9),
// MSI:S/MSA:S (Safety) reach EQ4 level 0 (000000 = 10), and modifying every impact to None gives 0.
const V4_THREAT_ENVIRONMENTAL: readonly [string, number, string][] = [
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:L/SC:N/SI:N/SA:N/E:A/MAV:A', 8.7, 'CVSS-BTE'],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P', 8.9, 'CVSS-BT'],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U', 8.1, 'CVSS-BT'],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:L/IR:L/AR:L', 8.9, 'CVSS-BE'],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSI:S/MSA:S', 10.0, 'CVSS-BE'],
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MVC:N/MVI:N/MVA:N', 0.0, 'CVSS-BE'],
  // E:X, CR:X ... are "Not Defined": the same as leaving them out.
  ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/CR:X/MAV:X', 9.3, 'CVSS-B'],
];

describe('baseScore: published vector/score pairs', () => {
  it.each([...V31_SPEC_EXAMPLES, ...V30_SPEC_EXAMPLES, ...V3_NVD])('%s = %d', (vector, score) => {
    expect(baseScore(vector)).toBe(score);
  });

  it.each(V2_NVD)('%s = %d', (vector, score) => {
    expect(baseScore(vector)).toBe(score);
  });

  it.each(V4_PUBLISHED)('%s = %d', (vector, score) => {
    expect(baseScore(vector)).toBe(score);
  });

  it('covers at least 40 vectors across the versions', () => {
    const count =
      V31_SPEC_EXAMPLES.length +
      V30_SPEC_EXAMPLES.length +
      V3_NVD.length +
      V2_GUIDE_EXAMPLES.length +
      V2_NVD.length +
      V4_PUBLISHED.length +
      V4_THREAT_ENVIRONMENTAL.length;
    expect(count).toBeGreaterThanOrEqual(40);
  });
});

describe('CVSS v2 temporal and environmental scores (the v2 guide examples)', () => {
  it.each(V2_GUIDE_EXAMPLES)('%s', (vector, base, temporal, environmental) => {
    expect(cvssScores(vector)).toEqual({
      version: '2.0',
      base,
      temporal,
      environmental,
      score: environmental,
      rating: severityOf(environmental, '2.0'),
    });
    expect(baseScore(vector)).toBe(base);
  });

  it('keeps a score at 0.0 where the equation would go below zero', () => {
    // C:P with CR:L gives an adjusted impact of 1.43, and the base equation goes negative.
    const scores = cvssScores('AV:L/AC:H/Au:M/C:P/I:N/A:N/CR:L');
    expect(scores).toMatchObject({ base: 0.8, environmental: 0, score: 0 });
  });

  it('rounds exact ties up, as the decimal equations do (9.0 × 0.95 = 8.55 -> 8.6)', () => {
    expect(cvssScores('AV:N/AC:M/Au:N/C:C/I:C/A:P/RC:UR')).toMatchObject({ base: 9.0, temporal: 8.6 });
  });
});

describe('CVSS v3 temporal and environmental scores', () => {
  it('computes temporal and environmental scores when the vector has them', () => {
    // Cross-checked against an independent implementation (ae-cvss-calculator).
    expect(cvssScores('CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N/E:P/CR:H/MAV:L')).toEqual({
      version: '3.1',
      base: 6.4,
      temporal: 6.1,
      environmental: 5.6,
      score: 5.6,
      rating: 'Medium',
    });
    expect(cvssScores('CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:L/A:H/E:F/RL:U/RC:R')).toEqual({
      version: '3.1',
      base: 9.9,
      temporal: 9.3,
      score: 9.3,
      rating: 'Critical',
    });
    expect(
      cvssScores('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:C/CR:L/IR:L/AR:L'),
    ).toMatchObject({
      base: 9.8,
      temporal: 8.5,
      environmental: 7.0,
    });
  });

  it('reports only the base score when every temporal/environmental metric is X', () => {
    const scores = cvssScores('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/RL:X/RC:X/CR:X/MAV:X/MS:X');
    expect(scores).toEqual({ version: '3.1', base: 9.8, score: 9.8, rating: 'Critical' });
  });

  it('ignores temporal and environmental metrics in baseScore', () => {
    expect(baseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U/CR:L/IR:L/AR:L/MAV:P')).toBe(
      9.8,
    );
  });

  it("uses v3.1's floating-point-safe Roundup and v3.0's plain ceiling (v3.1 Appendix A)", () => {
    // 10.0 × 0.92 is 9.200000000000001 in binary floating point: v3.0 rounds it up to 9.3.
    const tail = 'AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/RC:U';
    expect(cvssScores(`CVSS:3.1/${tail}`)).toMatchObject({ base: 10, temporal: 9.2 });
    expect(cvssScores(`CVSS:3.0/${tail}`)).toMatchObject({ base: 10, temporal: 9.3 });
  });

  it('uses the version’s Modified Impact equation for a changed modified scope', () => {
    const tail = 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MS:C/MPR:L';
    expect(cvssScores(`CVSS:3.1/${tail}`)).toMatchObject({ base: 9.8, environmental: 10 });
    expect(cvssScores(`CVSS:3.0/${tail}`)).toMatchObject({ base: 9.8, environmental: 9.9 });
  });
});

describe('CVSS v4.0 threat and environmental metrics', () => {
  it.each(V4_THREAT_ENVIRONMENTAL)('%s = %d (%s)', (vector, score, nomenclature) => {
    expect(baseScore(vector)).toBe(score);
    expect(cvssScores(vector)).toMatchObject({ version: '4.0', score, nomenclature });
  });

  it('ignores supplemental metrics', () => {
    const base = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
    expect(cvssScores(`${base}/S:P/AU:Y/R:U/V:C/RE:H/U:Red`)).toEqual(cvssScores(base));
  });

  it('reports the MacroVector and rating', () => {
    expect(cvssScores('CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toEqual({
      version: '4.0',
      score: 8.7,
      rating: 'High',
      nomenclature: 'CVSS-B',
      macroVector: '100200',
    });
  });

  it('accepts the metrics in any order', () => {
    expect(baseScore('CVSS:4.0/SA:N/SI:N/SC:N/VA:H/VI:H/VC:H/UI:N/PR:N/AT:N/AC:L/AV:N')).toBe(9.3);
  });
});

describe('parseCvss', () => {
  it('parses each version into typed metrics', () => {
    expect(parseCvss('AV:N/AC:L/Au:N/C:P/I:P/A:P')).toEqual({
      version: '2.0',
      vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P',
      metrics: { AV: 'N', AC: 'L', Au: 'N', C: 'P', I: 'P', A: 'P' },
    });
    const v31 = parseCvss('  CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P\n');
    expect(v31.version).toBe('3.1');
    expect(v31.vector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P');
    expect(v31.metrics).toEqual({
      AV: 'N',
      AC: 'L',
      PR: 'N',
      UI: 'N',
      S: 'U',
      C: 'H',
      I: 'H',
      A: 'H',
      E: 'P',
    });
    expect(parseCvss('CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:C/C:N/I:N/A:L').version).toBe('3.0');
    const v4 = parseCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/MSI:S/U:Amber');
    expect(v4.version).toBe('4.0');
    if (v4.version === '4.0') {
      expect(v4.metrics.MSI).toBe('S');
      expect(v4.metrics.U).toBe('Amber');
      expect(v4.metrics.CR).toBeUndefined();
    }
  });

  it('accepts a parsed vector in baseScore and cvssScores', () => {
    const parsed = parseCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N');
    expect(baseScore(parsed)).toBe(7.5);
    expect(cvssScores(parsed).rating).toBe('High');
  });

  const INVALID: readonly [string, string, RegExp][] = [
    // [what, vector, expected message]
    ['empty', '', /empty CVSS vector/],
    ['blank', '   ', /empty CVSS vector/],
    ['missing metric (v3)', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', /missing mandatory metric 'A'/],
    [
      'missing metrics (v4)',
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H',
      /missing mandatory metrics 'SC', 'SI', 'SA'/,
    ],
    [
      'missing metric (v2)',
      'AV:N/AC:L/Au:N/C:P/I:P',
      /invalid CVSS 2.0 vector .*missing mandatory metric 'A'/,
    ],
    ['no metrics', 'CVSS:3.1', /no metrics after the prefix/],
    [
      'duplicate metric (v3)',
      'CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      /metric 'AV' is given more than once/,
    ],
    [
      'duplicate metric (v4)',
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/E:P',
      /metric 'E' is given more than once/,
    ],
    ['duplicate metric (v2)', 'AV:N/AC:L/Au:N/C:P/I:P/A:P/A:C', /metric 'A' is given more than once/],
    [
      'bad value (v3)',
      'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      /invalid value 'X' for metric 'AV' \(expected one of N, A, L, P\)/,
    ],
    [
      'bad value (v4)',
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:S/SI:N/SA:N',
      /invalid value 'S' for metric 'SC'/,
    ],
    [
      'bad value (v2)',
      'AV:N/AC:L/Au:N/C:P/I:P/A:H',
      /invalid value 'H' for metric 'A' \(expected one of N, P, C\)/,
    ],
    ['lower-case value', 'CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /invalid value 'n' for metric 'AV'/],
    ['unknown metric', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:Y', /unknown metric 'XX'/],
    ['v4 metric in v3', 'CVSS:3.1/AV:N/AC:L/AT:N/PR:N/UI:N/S:U/C:H/I:H/A:H', /unknown metric 'AT'/],
    ['unknown version', 'CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P', /unsupported CVSS version prefix 'CVSS:2.0'/],
    [
      'unknown version 3.2',
      'CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      /unsupported CVSS version prefix 'CVSS:3.2'/,
    ],
    ['lower-case prefix', 'cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /malformed prefix 'cvss:3.1'/],
    ['prefix without version', 'CVSS/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /malformed prefix 'CVSS'/],
    [
      'v3 without prefix',
      'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      /unknown metric 'PR' \(CVSS v3 and v4 vectors must start/,
    ],
    ['trailing slash', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/', /ends with a stray "\/"/],
    [
      'doubled slash',
      'CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      /empty metric \(a doubled "\/"\) at position 2/,
    ],
    [
      'no colon',
      'CVSS:3.1/AV:N/ACL/PR:N/UI:N/S:U/C:H/I:H/A:H',
      /malformed metric 'ACL': expected NAME:VALUE/,
    ],
    ['empty value', 'CVSS:3.1/AV:/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /malformed metric 'AV:'/],
    ['two colons', 'CVSS:3.1/AV:N:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /malformed metric 'AV:N:L'/],
    ['inner whitespace', 'CVSS:3.1/AV:N/ AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /contains whitespace/],
    ['v2 in parentheses', '(AV:N/AC:L/Au:N/C:P/I:P/A:P)', /unknown metric '\(AV'/],
    [
      'base metric not defined',
      'CVSS:4.0/AV:X/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      /invalid value 'X' for metric 'AV'/,
    ],
    [
      'prototype key',
      'CVSS:3.1/__proto__:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      /unknown metric '__proto__'/,
    ],
  ];

  it.each(INVALID)('rejects %s with a clear CvssError', (_what, vector, message) => {
    let thrown: unknown;
    try {
      parseCvss(vector);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CvssError);
    expect((thrown as CvssError).message).toMatch(message);
    expect((thrown as CvssError).name).toBe('CvssError');
    expect((thrown as CvssError).input).toBe(vector);
    // The same error reaches callers of the scoring functions, and tryParseCvss returns it.
    expect(() => baseScore(vector)).toThrow(CvssError);
    expect(() => cvssScores(vector)).toThrow(CvssError);
    expect(tryParseCvss(vector)).toEqual({ ok: false, error: (thrown as CvssError).message });
  });

  it('rejects non-strings with a CvssError, not a TypeError', () => {
    const values: unknown[] = [undefined, null, 42, { AV: 'N' }, ['AV:N']];
    for (const value of values) {
      expect(() => parseCvss(value as string)).toThrow(CvssError);
      expect(() => baseScore(value as string)).toThrow(CvssError);
    }
    // A "parsed" vector that parseCvss did not make is validated again from its text.
    const forged = { version: '3.1', vector: 'CVSS:3.1/AV:N', metrics: null } as unknown as CvssVector;
    expect(() => baseScore(forged)).toThrow(/missing mandatory metrics/);
  });

  it('names the version in its messages and shortens very long input', () => {
    expect(() => parseCvss('CVSS:4.0/AV:N')).toThrow(
      /^invalid CVSS 4.0 vector 'CVSS:4.0\/AV:N': missing mandatory/,
    );
    const long = `CVSS:3.1/${'AV:N/'.repeat(100)}`;
    const { error } = tryParseCvss(long) as { ok: false; error: string };
    expect(error.length).toBeLessThan(300);
    expect(error).toContain("...'");
  });

  it('returns ok with the parsed vector from tryParseCvss', () => {
    expect(tryParseCvss('AV:N/AC:L/Au:N/C:P/I:P/A:P')).toMatchObject({ ok: true, cvss: { version: '2.0' } });
  });
});

describe('severityOf', () => {
  const V3_V4_SCALE: readonly [number, CvssRating][] = [
    [0, 'None'],
    [0.1, 'Low'],
    [3.9, 'Low'],
    [3.95, 'Low'],
    [4.0, 'Medium'],
    [6.9, 'Medium'],
    [7.0, 'High'],
    [8.9, 'High'],
    [9.0, 'Critical'],
    [10, 'Critical'],
  ];
  it.each(V3_V4_SCALE)('rates %d as %s on the v3/v4 scale', (score, rating) => {
    expect(severityOf(score, '3.1')).toBe(rating);
    expect(severityOf(score, '3.0')).toBe(rating);
    expect(severityOf(score, '4.0')).toBe(rating);
    expect(severityOf(score, '4')).toBe(rating);
  });

  const V2_SCALE: readonly [number, CvssRating][] = [
    [0, 'Low'],
    [3.9, 'Low'],
    [4.0, 'Medium'],
    [6.9, 'Medium'],
    [7.0, 'High'],
    [10, 'High'],
  ];
  it.each(V2_SCALE)('rates %d as %s on the v2 scale', (score, rating) => {
    expect(severityOf(score, '2.0')).toBe(rating);
    expect(severityOf(score, '2')).toBe(rating);
  });

  it('rejects scores outside 0-10 and unknown versions with a CvssError', () => {
    for (const score of [-0.1, 10.1, NaN, Infinity, '5' as unknown as number]) {
      expect(() => severityOf(score, '3.1')).toThrow(CvssError);
    }
    expect(() => severityOf(5, '5.0' as '4.0')).toThrow(/unknown CVSS version "5.0"/);
  });
});

describe('toRampartSeverity', () => {
  it('maps ratings to Rampart severities, None to info', () => {
    expect(toRampartSeverity('Critical')).toBe('critical');
    expect(toRampartSeverity('High')).toBe('high');
    expect(toRampartSeverity('Medium')).toBe('medium');
    expect(toRampartSeverity('Low')).toBe('low');
    expect(toRampartSeverity('None')).toBe('info');
    expect(() => toRampartSeverity('Severe' as CvssRating)).toThrow(CvssError);
    expect(() => toRampartSeverity('toString' as CvssRating)).toThrow(CvssError);
  });

  it('rates a score on the scale of a version or of the vector it came from', () => {
    expect(toRampartSeverity(9.3, '4.0')).toBe('critical');
    expect(toRampartSeverity(9.3, '2.0')).toBe('high');
    expect(toRampartSeverity(0, '3.1')).toBe('info');
    expect(toRampartSeverity(0, '2')).toBe('low');
    const v2 = 'AV:N/AC:M/Au:N/C:C/I:C/A:C';
    expect(toRampartSeverity(baseScore(v2), v2)).toBe('high');
    const v31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H';
    expect(toRampartSeverity(baseScore(v31), v31)).toBe('critical');
    expect(() => toRampartSeverity(5, 'not a vector')).toThrow(CvssError);
    expect(() => toRampartSeverity(5, undefined as unknown as string)).toThrow(CvssError);
  });
});
