import type { SecretRule } from '../secret-rule.js';

const IAM_KEYS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html';
const IAM_BEST_PRACTICES = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html';

/**
 * AWS credentials. AWS's documented example keys (`AKIAIOSFODNN7EXAMPLE`, `wJalrXUtnFEMI/...EXAMPLEKEY`)
 * are deliberately not reported: they cannot authenticate, and the `example` stop word drops them.
 */
export const AWS_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/aws-access-key-id',
    title: 'AWS access key ID',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An AWS access key ID (AKIA... long-term, ASIA... temporary) identifies an IAM credential. It is half of a key ' +
      'pair, and the secret half is usually committed next to it. Anyone holding both acts as that IAM identity.',
    help: {
      bad: "const accessKeyId = 'AKIAFVU66EYK6IPXTM3A';", // rampart-ignore: secrets/* synthetic documentation example
      good: 'const accessKeyId = process.env.AWS_ACCESS_KEY_ID;',
      fix: 'Deactivate and delete the key in IAM, then use roles, SSO or the default credential chain instead of keys in code.',
    },
    references: [IAM_KEYS, IAM_BEST_PRACTICES],
    keywords: ['akia', 'asia'],
    // Issued IDs look base32 (A-Z, 2-7) after the prefix, but AWS documents no alphabet: accept A-Z 0-9.
    pattern: /(?<![A-Za-z0-9])(?<secret>(?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/aws-secret-access-key',
    title: 'AWS secret access key',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A 40-character AWS secret access key assigned to an aws_secret_access_key-like name. With the matching access ' +
      'key ID it signs API requests as that IAM identity, with all of its permissions.',
    help: {
      bad: 'aws_secret_access_key = EcNHU9Smlo1VvulcA+MMHtDZiXqlPEzHkTgh/baD', // rampart-ignore: secrets/* synthetic documentation example
      good: 'aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}',
      fix: 'Deactivate and delete the key pair in IAM, review CloudTrail for its use, and load credentials from the environment or a role.',
    },
    references: [IAM_KEYS, IAM_BEST_PRACTICES],
    keywords: ['secret'],
    // Also `aws configure set [profile.]aws_secret_access_key <key>` (the name is read back by the lookbehind,
    // so that every match still starts at its keyword).
    pattern:
      /(?:(?:aws[_.-]?)?secret[_.-]?access[_.-]?key|aws[_.-]?secret[_.-]?key)(?:["']?\s{0,4}[:=]{1,2}>?\s{0,4}["']?|(?<=configure[ \t]{1,4}set[ \t]{1,4}(?:[A-Za-z0-9_-]{1,40}\.)?aws_secret_access_key)[ \t]{1,4}["']?)(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/i,
    minEntropy: 3.5,
  },
  {
    id: 'secrets/aws-session-token',
    title: 'AWS session token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An AWS STS session token (aws_session_token, X-Amz-Security-Token, "SessionToken" in STS output). With the ' +
      'temporary key pair next to it, it acts as the assumed role until it expires, often for hours.',
    help: {
      bad: 'aws_session_token = IQoJb3JpZ2luX2VjEh3enu7L5ItEz8GZTjrhmAjTBzRCakVpPA9cUebYo77UzupA6XKq46ijwcbP+uU5fOcIvIdcFsKk95GU6I8zDpF+tgt2o8Fupg691CoJaSUwwtzKUk3pgRLl3ty8AA5oPf7soUXoIT3E1U2RqwjAbMtfkuZsMMZ2X87PR+PhlbfSE+gIiUr/25wXOsgIj9EDT/gmPkjYD9HRjMF8nkZTIYQwXJk+tt3xPGZqvx6rsOFpPtb9P8U4seJFNPkgyYCZgmBwJN2veqIxcCFMKvZ6BMLhJ40VEqs9pLF7tjl+iXvwL', // rampart-ignore: secrets/* synthetic documentation example
      good: 'aws_session_token = ${AWS_SESSION_TOKEN}',
      fix: 'Revoke the role session (an inline deny on tokens issued before now), check CloudTrail, and let the SDK obtain temporary credentials at runtime.',
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html',
    ],
    keywords: ['session', 'security'],
    // STS tokens are several hundred base64 characters; in presigned URLs they are percent-encoded.
    pattern:
      /(?:aws[_.-]?session[_.-]?token|aws[_.-]?security[_.-]?token|x-amz-security-token|"SessionToken")["']?\s{0,4}[:=]{1,2}>?\s{0,4}["']?(?<secret>[A-Za-z0-9/+%]{100,4096}={0,2})(?![A-Za-z0-9/+%=])/i,
    minEntropy: 4.5,
  },
  {
    id: 'secrets/aws-mws-auth-token',
    title: 'Amazon MWS auth token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An Amazon Marketplace Web Service auth token (amzn.mws.<uuid>). With the developer keys it calls the ' +
      "seller's MWS API: orders, buyer addresses, inventory and reports.",
    help: {
      bad: "MWS_AUTH_TOKEN = 'amzn.mws.57bf4b8d-f5b0-40f8-995c-950f59e963a5'", // rampart-ignore: secrets/* synthetic documentation example
      good: "MWS_AUTH_TOKEN = os.environ['MWS_AUTH_TOKEN']",
      fix: 'Revoke the developer authorization in Seller Central, then migrate to the Selling Partner API with tokens kept in a secret store.',
    },
    references: ['https://docs.developer.amazonservices.com/en_US/dev_guide/DG_AuthTokenFAQ.html'],
    keywords: ['amzn.mws.'],
    pattern:
      /(?<![A-Za-z0-9.])(?<secret>amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![0-9a-f-])/,
  },
  {
    id: 'secrets/aws-bedrock-api-key',
    title: 'Amazon Bedrock API key',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An Amazon Bedrock API key: long-term (ABSK followed by base64 of "BedrockAPIKey-...") or short-term ' +
      '(bedrock-api-key- followed by a base64 presigned URL). It invokes models on the account, at its expense.',
    help: {
      bad: 'AWS_BEARER_TOKEN_BEDROCK=ABSKQmVkcm9ja0FQSUtleS1ES1hjLWF0LTQyNzQ3MzU4ODg4MDpZa204T1M1UEdmeUNUdkVOaWEwQ2RSNzV5MUpjVEZ6aVJ2SkROaHBO', // rampart-ignore: secrets/* synthetic documentation example
      good: 'AWS_BEARER_TOKEN_BEDROCK=${BEDROCK_API_KEY}',
      fix: 'Delete the key (long-term keys are IAM service-specific credentials) and prefer short-term keys or role credentials issued at runtime.',
    },
    references: [
      'https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_bedrock.html',
    ],
    keywords: ['absk', 'bedrock-api-key-'],
    // `QmVkcm9ja0FQSUtleS` is base64 of "BedrockAPIKey-"; `YmVkcm9jay5` of "bedrock.".
    pattern:
      /(?<![A-Za-z0-9+/-])(?<secret>ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{40,400}={0,2}|bedrock-api-key-YmVkcm9jay5[A-Za-z0-9+/]{100,4096}={0,2})(?![A-Za-z0-9+/=])/,
  },
];
