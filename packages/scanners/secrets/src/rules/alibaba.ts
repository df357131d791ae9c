import type { SecretRule } from '../secret-rule.js';

const ACCESS_KEYS = 'https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair';

/** Alibaba Cloud (Aliyun) RAM AccessKey pairs. */
export const ALIBABA_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/alibaba-access-key-id',
    title: 'Alibaba Cloud AccessKey ID',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An Alibaba Cloud AccessKey ID (LTAI...). It names a RAM credential and is half of a key pair whose secret ' +
      'is usually committed next to it; together they call every API the RAM identity may.',
    help: {
      bad: 'ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIDlb0BP4Nr0MzzAsGiLNF', // rampart-ignore: secrets/* synthetic documentation example
      good: 'ALIBABA_CLOUD_ACCESS_KEY_ID=${ALIBABA_CLOUD_ACCESS_KEY_ID}',
      fix: 'Disable and delete the AccessKey pair in the RAM console, check ActionTrail, and use RAM roles or STS tokens instead of long-term keys.',
    },
    references: [
      ACCESS_KEYS,
      'https://www.alibabacloud.com/help/en/ram/security-and-compliance/best-practices',
    ],
    keywords: ['ltai'],
    pattern: /(?<![A-Za-z0-9])(?<secret>LTAI[A-Za-z0-9]{12,20})(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/alibaba-access-key-secret',
    title: 'Alibaba Cloud AccessKey secret',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An Alibaba Cloud AccessKey secret (30 characters), assigned to an access_key_secret-like name or passed ' +
      'right after an LTAI key ID. With the ID it signs API requests as the RAM identity, with all of its ' +
      'permissions.',
    help: {
      bad: "client = AcsClient('LTAIDlb0BP4Nr0MzzAsGiLNF', '0Oed51jInJx18iGUABdF3IFGQd8ZkA', 'cn-hangzhou')", // rampart-ignore: secrets/* synthetic documentation example
      good: "client = AcsClient(region_id='cn-hangzhou', credential=CredentialsProvider())",
      fix: 'Disable and delete the AccessKey pair in the RAM console, check ActionTrail for its use, and load credentials from the default credential chain or a RAM role.',
    },
    references: [
      ACCESS_KEYS,
      'https://www.alibabacloud.com/help/en/sdk/developer-reference/manage-access-credentials',
    ],
    keywords: ['secret', 'ltai'],
    pattern:
      /(?:(?<![A-Za-z0-9])(?:ali(?:baba)?(?:[_.-]?cloud)?[_.-]?|aliyun[_.-]?)?access[_.-]?key[_.-]?secret(?:[_.-]?id)?["']?\s{0,4}[:=]{1,2}>?\s{0,4}["']?|LTAI[A-Za-z0-9]{12,20}["']\s{0,4},\s{0,4}["'])(?<secret>[A-Za-z0-9]{30})(?![A-Za-z0-9])/i,
    minEntropy: 4,
  },
];
