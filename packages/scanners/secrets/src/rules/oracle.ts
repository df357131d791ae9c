import type { SecretRule } from '../secret-rule.js';

/**
 * Oracle Cloud Infrastructure passwords that are not private keys: auth tokens (used as OCIR and Swift
 * passwords) and customer secret keys (S3 compatibility). Neither has a fixed format, so the rule
 * needs an OCI-specific name or an ocir.io login. OCI API signing keys are PEM keys (secrets/private-key).
 */
export const ORACLE_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/oci-auth-token',
    title: 'Oracle Cloud auth token',
    severity: 'high',
    precision: 'medium',
    cwe: ['CWE-798'],
    description:
      'An Oracle Cloud Infrastructure auth token or customer secret key, assigned to an OCI_AUTH_TOKEN-like ' +
      'name or given to docker login for <region>.ocir.io. It authenticates as its user to the container ' +
      'registry, Object Storage (Swift and S3 APIs) and other token-based services.',
    help: {
      bad: 'docker login fra.ocir.io -u "acme/ci@acme.example" -p "r3KOqO(PGOOk;oFL.n5c7"', // rampart-ignore: secrets/* synthetic documentation example
      good: 'echo "$OCIR_AUTH_TOKEN" | docker login fra.ocir.io -u "acme/ci@acme.example" --password-stdin',
      fix: 'Delete the token in the console (User settings > Auth tokens or Customer secret keys), create a new one and keep it in OCI Vault or CI secrets.',
    },
    references: [
      'https://docs.oracle.com/iaas/Content/Registry/Tasks/registrygettingauthtoken.htm',
      'https://docs.oracle.com/iaas/Content/Identity/access/managing-user-credentials.htm',
    ],
    keywords: ['oci', 'ocir', 'oracle'],
    pattern:
      /(?:(?<![A-Za-z0-9])(?:oci|ocir|oracle[_.-]?cloud)[_.-]?(?:auth[_.-]?token|registry[_.-]?password|password|secret[_.-]?key|customer[_.-]?secret[_.-]?key)["']?\s{0,4}[:=]\s{0,4}["']|\.ocir\.io\s{1,4}(?:-u|--username)[ =]["']?[^\s"']{1,100}["']?\s{1,4}(?:-p|--password)[ =]["']?)(?<secret>[^\s"'`\\]{16,64})(?=["'`\s]|$)/im,
    minEntropy: 3.5,
  },
];
