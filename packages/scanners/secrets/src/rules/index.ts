import type { SecretRule } from '../secret-rule.js';
// group: cloud, VCS, chat, payments, keys, URLs (imports)
import { ADYEN_RULES } from './adyen.js';
import { ALIBABA_RULES } from './alibaba.js';
import { AZURE_RULES } from './azure.js';
import { BITBUCKET_RULES } from './bitbucket.js';
import { DISCORD_RULES } from './discord.js';
import { FLUTTERWAVE_RULES } from './flutterwave.js';
import { GITEA_RULES } from './gitea.js';
import { GOOGLE_RULES } from './google.js';
import { HETZNER_RULES } from './hetzner.js';
import { IBM_RULES } from './ibm.js';
import { JWT_RULES } from './jwt.js';
import { LINODE_RULES } from './linode.js';
import { MATTERMOST_RULES } from './mattermost.js';
import { MICROSOFT_TEAMS_RULES } from './microsoft-teams.js';
import { NETRC_RULES } from './netrc.js';
import { ORACLE_RULES } from './oracle.js';
import { PAYPAL_RULES } from './paypal.js';
import { PAYSTACK_RULES } from './paystack.js';
import { RAZORPAY_RULES } from './razorpay.js';
import { REGISTRY_LOGIN_RULES } from './registry-login.js';
import { ROCKETCHAT_RULES } from './rocketchat.js';
import { SCALEWAY_RULES } from './scaleway.js';
import { SQUARE_RULES } from './square.js';
import { TELEGRAM_RULES } from './telegram.js';
import { TENCENT_RULES } from './tencent.js';
import { URL_CREDENTIAL_RULES } from './url-credentials.js';
import { VULTR_RULES } from './vultr.js';
import { AWS_RULES } from './aws.js';
import { DATABASE_RULES } from './database.js';
import { GITHUB_RULES } from './github.js';
import { GITLAB_RULES } from './gitlab.js';
import { NPM_RULES } from './npm.js';
import { PRIVATE_KEY_RULES } from './private-key.js';
import { SLACK_RULES } from './slack.js';
import { STRIPE_RULES } from './stripe.js';
// group: SaaS and package registries (imports)
import { AI_PROVIDER_RULES } from './ai-providers.js';
import { CI_CD_RULES } from './ci-cd.js';
import { COMMERCE_RULES } from './commerce.js';
import { EMAIL_SMS_RULES } from './email-sms.js';
import { HOSTING_RULES } from './hosting.js';
import { OBSERVABILITY_RULES } from './observability.js';
import { PACKAGE_REGISTRY_RULES } from './package-registries.js';
import { SAAS_RULES } from './saas.js';
import { SECRET_MANAGER_RULES } from './secret-managers.js';
import { PASSWORD_CONTEXT_RULES } from './password-contexts.js';
import { RAMPART_RULES } from './rampart.js';
// end of groups (imports)
import { GENERIC_RULES } from './generic.js';

/** The registry: every rule of the scanner. A test checks that each file in this folder is listed. */
export const RULES: readonly SecretRule[] = [
  // group: cloud, VCS, chat, payments, keys, URLs
  ...ADYEN_RULES,
  ...ALIBABA_RULES,
  ...AZURE_RULES,
  ...BITBUCKET_RULES,
  ...DISCORD_RULES,
  ...FLUTTERWAVE_RULES,
  ...GITEA_RULES,
  ...GOOGLE_RULES,
  ...HETZNER_RULES,
  ...IBM_RULES,
  ...JWT_RULES,
  ...LINODE_RULES,
  ...MATTERMOST_RULES,
  ...MICROSOFT_TEAMS_RULES,
  ...NETRC_RULES,
  ...ORACLE_RULES,
  ...PAYPAL_RULES,
  ...PAYSTACK_RULES,
  ...RAZORPAY_RULES,
  ...REGISTRY_LOGIN_RULES,
  ...ROCKETCHAT_RULES,
  ...SCALEWAY_RULES,
  ...SQUARE_RULES,
  ...TELEGRAM_RULES,
  ...TENCENT_RULES,
  ...URL_CREDENTIAL_RULES,
  ...VULTR_RULES,
  ...AWS_RULES,
  ...DATABASE_RULES,
  ...GITHUB_RULES,
  ...GITLAB_RULES,
  ...NPM_RULES,
  ...PRIVATE_KEY_RULES,
  ...SLACK_RULES,
  ...STRIPE_RULES,
  // group: SaaS and package registries
  ...AI_PROVIDER_RULES,
  ...CI_CD_RULES,
  ...COMMERCE_RULES,
  ...EMAIL_SMS_RULES,
  ...HOSTING_RULES,
  ...OBSERVABILITY_RULES,
  ...PACKAGE_REGISTRY_RULES,
  ...SAAS_RULES,
  ...SECRET_MANAGER_RULES,
  ...RAMPART_RULES,
  // end of groups; the catch-all runs last
  ...GENERIC_RULES,
  // Context catch-alls (unquoted config lines, XML, command lines, Basic headers) after the quoted one.
  ...PASSWORD_CONTEXT_RULES,
];
