import type { SecretRule } from '../secret-rule.js';

/**
 * Secret managers and infrastructure-as-code platforms. A token here is worth every secret it
 * guards, or every cloud account its runs can change: the worst place for a leak.
 */
export const SECRET_MANAGER_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/vault-token',
    title: 'HashiCorp Vault token',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A HashiCorp Vault service token (hvs.), batch token (hvb.) or recovery token (hvr.), or a token of Vault ' +
      'before 1.10 (s.) assigned to a VAULT_TOKEN-like name or sent as X-Vault-Token. It reads and writes ' +
      'the secrets its policies allow and, for a root or admin policy, every secret in Vault.',
    help: {
      bad: 'export VAULT_TOKEN=hvs.u4WhUYRCH06z3oRPOChjyViz', // rampart-ignore: secrets/* synthetic documentation example
      good: 'export VAULT_TOKEN="$(vault login -method=oidc -token-only)"',
      fix: 'Revoke the token (vault token revoke, with -mode=path for its children), use short-lived tokens from an auth method, never a static token in code.',
    },
    references: [
      'https://developer.hashicorp.com/vault/docs/concepts/tokens',
      'https://developer.hashicorp.com/vault/docs/commands/token/revoke',
    ],
    keywords: ['hvs.', 'hvb.', 'hvr.', 'vault'],
    // Tokens from Vault before 1.10 (s. and 24 characters) carry no telling prefix: only next to a
    // VAULT_TOKEN-like name or an X-Vault-Token header. The finding is the token either way.
    pattern:
      /(?:(?<![A-Za-z0-9_.-])(?=hv[sbr]\.)|(?<![A-Za-z0-9])vault[_.-]?token["']?\s{0,4}[:=]{1,2}>?\s{0,4}["']?)(?<finding>(?<secret>hv[sbr]\.[A-Za-z0-9_-]{24,400}|s\.[A-Za-z0-9]{24}))(?![A-Za-z0-9_-])/i,
    minEntropy: 3.5,
  },
  {
    id: 'secrets/terraform-cloud-token',
    title: 'HCP Terraform (Terraform Cloud) API token',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'An HCP Terraform / Terraform Enterprise API token (<id>.atlasv1.<secret>). It queues plans and applies, ' +
      'reads state files (full of secrets) and workspace variables, which often include cloud credentials.',
    help: {
      bad: 'credentials "app.terraform.io" { token = "42L9CK96bEN6wb.atlasv1.VriBMrEjCgJttGnGXaCJ4HgNwPtoc4V-WRsTc7KOqxGsuEpRhU2_AsOGAd-IbkJH-nX" }', // rampart-ignore: secrets/* synthetic documentation example
      good: 'credentials "app.terraform.io" {} # token from TF_TOKEN_app_terraform_io',
      fix: 'Delete the token under User or Team Settings > Tokens, create one with an expiry and pass it through TF_TOKEN_<host> from a secret store.',
    },
    references: [
      'https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens',
      'https://developer.hashicorp.com/terraform/cli/config/config-file#environment-variable-credentials',
    ],
    keywords: ['.atlasv1.'],
    pattern: /(?<![A-Za-z0-9])(?<secret>[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,100})(?![A-Za-z0-9_=-])/,
  },
  {
    id: 'secrets/doppler-token',
    title: 'Doppler token',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Doppler personal (dp.pt.), service (dp.st.), CLI (dp.ct.), service account (dp.sa.), SCIM or audit ' +
      'token. Depending on its kind it downloads the secrets of a config or of every project its owner sees.',
    help: {
      bad: 'DOPPLER_TOKEN=dp.st.prd.1Jh4WUHAwXoeNEcOIywv2bPW7dy5KLszCtHjD034', // rampart-ignore: secrets/* synthetic documentation example
      good: 'DOPPLER_TOKEN=${DOPPLER_TOKEN}',
      fix: 'Revoke the token in the Doppler dashboard (Access or the config Access tab), create a new one and inject it only at runtime.',
    },
    references: [
      'https://docs.doppler.com/docs/token-formats',
      'https://docs.doppler.com/docs/service-tokens',
    ],
    keywords: ['dp.pt.', 'dp.st.', 'dp.ct.', 'dp.sa.', 'dp.scim.', 'dp.audit.'],
    pattern:
      /(?<![A-Za-z0-9_])(?<secret>dp\.(?:pt|st|ct|sa|scim|audit)\.(?:[a-z0-9_-]{1,40}\.)?[A-Za-z0-9]{40,44})(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/pulumi-access-token',
    title: 'Pulumi access token',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A Pulumi Cloud access token (pul- followed by 40 hex digits). It reads stack state and decrypts ' +
      'stack secrets, runs deployments and manages ESC environments of its user or organisation.',
    help: {
      bad: 'PULUMI_ACCESS_TOKEN=pul-4d9144bfac44af3171a26d8a70a9abf1bf727eb2', // rampart-ignore: secrets/* synthetic documentation example
      good: 'PULUMI_ACCESS_TOKEN=${PULUMI_ACCESS_TOKEN}',
      fix: 'Delete the token under Access Tokens in Pulumi Cloud, use OIDC or a team token with an expiry, and keep it in CI secrets.',
    },
    references: ['https://www.pulumi.com/docs/pulumi-cloud/access-management/access-tokens/'],
    keywords: ['pul-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>pul-[0-9a-f]{40})(?![A-Za-z0-9])/,
  },
  {
    id: 'secrets/onepassword-service-account-token',
    title: '1Password service account token',
    severity: 'critical',
    precision: 'high',
    cwe: ['CWE-798'],
    description:
      'A 1Password service account token (ops_ followed by base64 JSON). It reads, and if allowed writes, ' +
      'every item in the vaults the service account was granted.',
    help: {
      bad: 'OP_SERVICE_ACCOUNT_TOKEN=ops_eyJejlbZ7Dy4UDiT/i2DCfdph+mYEUJwy6jsPb9YOKYl9Ibm8DEViz+p7gyH2dCMYBdVMFw5WsqyQeSUYkmNnuocZjgQZXktm7zLgwZN8HlaD09crD6LAiSdVKNZJCEjHX8L7S4mD0uA/Ql3YUmJhpTD+EiakwVGEApf5DRNPPJ2JmjXRJLmj9Hhpo1fn4AdMa9oIuRbhCOqF45kbCpaxPCcleWhtppmbbQaky9CCnrf0yTG4csoWzZVSi2gkNiBNHj18CpAGX8o6ki0CEc65D8+18KmEGwZgGV/6madyI6N69B', // rampart-ignore: secrets/* synthetic documentation example
      good: 'OP_SERVICE_ACCOUNT_TOKEN=${OP_SERVICE_ACCOUNT_TOKEN}',
      fix: 'Revoke the service account token in 1Password (Developer > Service Accounts), create a new one limited to the vaults it needs, and keep it in CI secrets.',
    },
    references: ['https://developer.1password.com/docs/service-accounts/'],
    keywords: ['ops_eyj'],
    pattern: /(?<![A-Za-z0-9_])(?<secret>ops_eyJ[A-Za-z0-9+/=_-]{100,2000})(?![A-Za-z0-9+/=_-])/,
  },
];
