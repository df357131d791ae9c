import type { IacCheck } from '../../../check.js';
import type { GhaDoc } from '../model.js';
import { check as checkoutPersistCredentials } from './checkout-persist-credentials.js';
import { check as curlPipeShell } from './curl-pipe-shell.js';
import { check as expressionInjection } from './expression-injection.js';
import { check as hardcodedSecret } from './hardcoded-secret.js';
import { check as inputInjection } from './input-injection.js';
import { check as missingPermissions } from './missing-permissions.js';
import { check as prTargetContentsWrite } from './pr-target-contents-write.js';
import { check as secretsInherit } from './secrets-inherit.js';
import { check as secretsToUnpinnedAction } from './secrets-to-unpinned-action.js';
import { check as selfHostedRunner } from './self-hosted-runner.js';
import { check as unpinnedAction } from './unpinned-action.js';
import { check as unpinnedGithubAction } from './unpinned-github-action.js';
import { check as unsecureCommands } from './unsecure-commands.js';
import { check as untrustedCheckout } from './untrusted-checkout.js';
import { check as untrustedEnvWrite } from './untrusted-env-write.js';
import { check as writeAllPermissions } from './write-all-permissions.js';

/** Every GitHub Actions check, sorted by rule id. */
export const GHA_CHECKS: readonly IacCheck<GhaDoc>[] = [
  checkoutPersistCredentials,
  curlPipeShell,
  expressionInjection,
  hardcodedSecret,
  inputInjection,
  missingPermissions,
  prTargetContentsWrite,
  secretsInherit,
  secretsToUnpinnedAction,
  selfHostedRunner,
  unpinnedAction,
  unpinnedGithubAction,
  unsecureCommands,
  untrustedCheckout,
  untrustedEnvWrite,
  writeAllPermissions,
].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));
