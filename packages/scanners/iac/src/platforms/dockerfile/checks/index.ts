/** Registry of Dockerfile checks, sorted by rule id. */
import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { check as addInsteadOfCopy } from './add-instead-of-copy.js';
import { check as addRemoteUrl } from './add-remote-url.js';
import { check as apkNoCache } from './apk-no-cache.js';
import { check as aptCli } from './apt-cli.js';
import { check as aptListsNotCleaned } from './apt-lists-not-cleaned.js';
import { check as aptMissingYes } from './apt-missing-yes.js';
import { check as aptNoInstallRecommends } from './apt-no-install-recommends.js';
import { check as aptUnpinnedPackages } from './apt-unpinned-packages.js';
import { check as aptUpdateAlone } from './apt-update-alone.js';
import { check as aptUpgrade } from './apt-upgrade.js';
import { check as baseImageLatest } from './base-image-latest.js';
import { check as baseImageNoDigest } from './base-image-no-digest.js';
import { check as cdInRun } from './cd-in-run.js';
import { check as chmodWorldWritable } from './chmod-world-writable.js';
import { check as chpasswd } from './chpasswd.js';
import { check as copyFromInvalidStage } from './copy-from-invalid-stage.js';
import { check as copyMultipleSourcesDest } from './copy-multiple-sources-dest.js';
import { check as curlInsecure } from './curl-insecure.js';
import { check as dnfCacheNotCleaned } from './dnf-cache-not-cleaned.js';
import { check as duplicateStageAlias } from './duplicate-stage-alias.js';
import { check as exposeSsh } from './expose-ssh.js';
import { check as gitSslVerifyDisabled } from './git-ssl-verify-disabled.js';
import { check as maintainerDeprecated } from './maintainer-deprecated.js';
import { check as missingHealthcheck } from './missing-healthcheck.js';
import { check as missingUser } from './missing-user.js';
import { check as multipleCmdEntrypoint } from './multiple-cmd-entrypoint.js';
import { check as npmInstallNotCi } from './npm-install-not-ci.js';
import { check as npmStrictSslDisabled } from './npm-strict-ssl-disabled.js';
import { check as packageSignatureBypass } from './package-signature-bypass.js';
import { check as passwordlessSudo } from './passwordless-sudo.js';
import { check as pipNoCacheDir } from './pip-no-cache-dir.js';
import { check as pipTrustedHost } from './pip-trusted-host.js';
import { check as pipeToShell } from './pipe-to-shell.js';
import { check as plainHttpDownload } from './plain-http-download.js';
import { check as rootUser } from './root-user.js';
import { check as runSecurityInsecure } from './run-security-insecure.js';
import { check as secretInEnvArg } from './secret-in-env-arg.js';
import { check as shellFormCmd } from './shell-form-cmd.js';
import { check as sshKeyCopied } from './ssh-key-copied.js';
import { check as sudo } from './sudo.js';
import { check as tlsVerifyDisabledEnv } from './tls-verify-disabled-env.js';
import { check as wgetNoCheckCertificate } from './wget-no-check-certificate.js';
import { check as workdirRelative } from './workdir-relative.js';
import { check as yumCacheNotCleaned } from './yum-cache-not-cleaned.js';
import { check as yumSslverifyDisabled } from './yum-sslverify-disabled.js';
import { check as zypperCacheNotCleaned } from './zypper-cache-not-cleaned.js';

export const DOCKERFILE_CHECKS: readonly IacCheck<DockerDocument>[] = [
  addInsteadOfCopy,
  addRemoteUrl,
  apkNoCache,
  aptCli,
  aptListsNotCleaned,
  aptMissingYes,
  aptNoInstallRecommends,
  aptUnpinnedPackages,
  aptUpdateAlone,
  aptUpgrade,
  baseImageLatest,
  baseImageNoDigest,
  cdInRun,
  chmodWorldWritable,
  chpasswd,
  copyFromInvalidStage,
  copyMultipleSourcesDest,
  curlInsecure,
  dnfCacheNotCleaned,
  duplicateStageAlias,
  exposeSsh,
  gitSslVerifyDisabled,
  maintainerDeprecated,
  missingHealthcheck,
  missingUser,
  multipleCmdEntrypoint,
  npmInstallNotCi,
  npmStrictSslDisabled,
  packageSignatureBypass,
  passwordlessSudo,
  pipNoCacheDir,
  pipTrustedHost,
  pipeToShell,
  plainHttpDownload,
  rootUser,
  runSecurityInsecure,
  secretInEnvArg,
  shellFormCmd,
  sshKeyCopied,
  sudo,
  tlsVerifyDisabledEnv,
  wgetNoCheckCertificate,
  workdirRelative,
  yumCacheNotCleaned,
  yumSslverifyDisabled,
  zypperCacheNotCleaned,
].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));
