import type { IacCheck } from '../../../check.js';
import type { GitlabDoc } from '../model.js';
import { check as curlPipeShell } from './curl-pipe-shell.js';
import { check as dindWithoutTls } from './dind-without-tls.js';
import { check as hardcodedSecret } from './hardcoded-secret.js';
import { check as imageLatest } from './image-latest.js';
import { check as securityJobAllowFailure } from './security-job-allow-failure.js';
import { check as tlsVerificationDisabled } from './tls-verification-disabled.js';
import { check as unpinnedInclude } from './unpinned-include.js';
import { check as untrustedVariableEval } from './untrusted-variable-eval.js';

/** Every GitLab CI check, sorted by rule id. */
export const GITLAB_CHECKS: readonly IacCheck<GitlabDoc>[] = [
  curlPipeShell,
  dindWithoutTls,
  hardcodedSecret,
  imageLatest,
  securityJobAllowFailure,
  tlsVerificationDisabled,
  unpinnedInclude,
  untrustedVariableEval,
].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));
