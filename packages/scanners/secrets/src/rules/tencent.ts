import type { SecretRule } from '../secret-rule.js';

const API_KEYS = 'https://www.tencentcloud.com/document/product/598/32675';

/** Tencent Cloud API key pairs (SecretId / SecretKey). */
export const TENCENT_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/tencent-secret-id',
    title: 'Tencent Cloud SecretId',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Tencent Cloud API SecretId (AKID...). It is the public half of an API key pair; the SecretKey is ' +
      'usually committed next to it, and together they call every API the CAM identity may.',
    help: {
      bad: 'TENCENTCLOUD_SECRET_ID=AKIDe7do6zC5nF7WNBYYdsOKpwZPpSk2OnjB', // rampart-ignore: secrets/* synthetic documentation example
      good: 'TENCENTCLOUD_SECRET_ID=${TENCENTCLOUD_SECRET_ID}',
      fix: 'Disable and delete the API key in CAM, review CloudAudit, and use CAM roles or temporary credentials instead.',
    },
    references: [API_KEYS, 'https://www.tencentcloud.com/document/product/598/10603'],
    keywords: ['akid'],
    pattern: /(?<![A-Za-z0-9])(?<secret>AKID[A-Za-z0-9]{32})(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/tencent-secret-key',
    title: 'Tencent Cloud SecretKey',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Tencent Cloud API SecretKey (32 characters), assigned to a TENCENTCLOUD_SECRET_KEY-like name or passed ' +
      'right after an AKID SecretId. With the SecretId it signs API calls as the CAM identity.',
    help: {
      bad: 'cred = credential.Credential("AKIDe7do6zC5nF7WNBYYdsOKpwZPpSk2OnjB", "0XtMSkhM0ZfdjOphylyVpRfmDZTj0Egr")', // rampart-ignore: secrets/* synthetic documentation example
      good: 'cred = credential.EnvironmentVariableCredential().get_credential()',
      fix: 'Disable and delete the API key in CAM, check CloudAudit for its use, and load credentials from the environment or a CAM role.',
    },
    references: [API_KEYS, 'https://www.tencentcloud.com/document/product/598/10603'],
    keywords: ['tencent', 'qcloud', 'akid'],
    pattern:
      /(?:(?<![A-Za-z0-9])(?:tencent(?:[_.-]?cloud)?|qcloud)[_.-]?secret[_.-]?key["']?\s{0,4}[:=]{1,2}>?\s{0,4}["']?|AKID[A-Za-z0-9]{32}["']\s{0,4},\s{0,4}["'])(?<secret>[A-Za-z0-9]{32})(?![A-Za-z0-9])/i,
    minEntropy: 4,
  },
];
