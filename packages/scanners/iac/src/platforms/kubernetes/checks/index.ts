/** The Kubernetes checks, sorted by rule id. */
import type { IacCheck } from '../../../check.js';
import type { K8sManifests } from '../model.js';
import { check as allowPrivilegeEscalation } from './allow-privilege-escalation.js';
import { check as anonymousBinding } from './anonymous-binding.js';
import { check as apparmorUnconfined } from './apparmor-unconfined.js';
import { check as capabilitiesNotDropped } from './capabilities-not-dropped.js';
import { check as clusterAdminBinding } from './cluster-admin-binding.js';
import { check as configmapSecret } from './configmap-secret.js';
import { check as containerRuntimeSocket } from './container-runtime-socket.js';
import { check as cpuLimitsMissing } from './cpu-limits-missing.js';
import { check as cpuRequestsMissing } from './cpu-requests-missing.js';
import { check as dangerousCapability } from './dangerous-capability.js';
import { check as defaultNamespace } from './default-namespace.js';
import { check as defaultServiceAccountAutomount } from './default-service-account-automount.js';
import { check as defaultServiceAccountBinding } from './default-service-account-binding.js';
import { check as defaultServiceAccountToken } from './default-service-account-token.js';
import { check as hostIpc } from './host-ipc.js';
import { check as hostNetwork } from './host-network.js';
import { check as hostPathVolume } from './host-path-volume.js';
import { check as hostPid } from './host-pid.js';
import { check as hostPort } from './host-port.js';
import { check as imageNotPinned } from './image-not-pinned.js';
import { check as imagePullPolicy } from './image-pull-policy.js';
import { check as imageTagLatest } from './image-tag-latest.js';
import { check as ingressNginxSnippet } from './ingress-nginx-snippet.js';
import { check as ingressWithoutTls } from './ingress-without-tls.js';
import { check as livenessProbeMissing } from './liveness-probe-missing.js';
import { check as memoryLimitsMissing } from './memory-limits-missing.js';
import { check as memoryRequestsMissing } from './memory-requests-missing.js';
import { check as networkPolicyMissing } from './network-policy-missing.js';
import { check as privilegedContainer } from './privileged-container.js';
import { check as procMountUnmasked } from './proc-mount-unmasked.js';
import { check as rbacAdmissionWebhooks } from './rbac-admission-webhooks.js';
import { check as rbacApproveCsr } from './rbac-approve-csr.js';
import { check as rbacBindEscalate } from './rbac-bind-escalate.js';
import { check as rbacImpersonate } from './rbac-impersonate.js';
import { check as rbacPodExec } from './rbac-pod-exec.js';
import { check as rbacReadSecrets } from './rbac-read-secrets.js';
import { check as rbacWildcard } from './rbac-wildcard.js';
import { check as readOnlyRootFilesystem } from './read-only-root-filesystem.js';
import { check as readinessProbeMissing } from './readiness-probe-missing.js';
import { check as runAsNonRoot } from './run-as-non-root.js';
import { check as runAsRootUser } from './run-as-root-user.js';
import { check as seccompProfileMissing } from './seccomp-profile-missing.js';
import { check as seccompUnconfined } from './seccomp-unconfined.js';
import { check as secretFromEnv } from './secret-from-env.js';
import { check as secretInEnv } from './secret-in-env.js';
import { check as secretInManifest } from './secret-in-manifest.js';
import { check as selinuxPrivilegedType } from './selinux-privileged-type.js';
import { check as sensitiveHostPath } from './sensitive-host-path.js';
import { check as serviceLoadBalancerOpen } from './service-load-balancer-open.js';
import { check as serviceNodePort } from './service-node-port.js';
import { check as shareProcessNamespace } from './share-process-namespace.js';
import { check as unsafeSysctl } from './unsafe-sysctl.js';
import { check as windowsHostProcess } from './windows-host-process.js';

export const KUBERNETES_CHECKS: readonly IacCheck<K8sManifests>[] = [
  allowPrivilegeEscalation,
  anonymousBinding,
  apparmorUnconfined,
  capabilitiesNotDropped,
  clusterAdminBinding,
  configmapSecret,
  containerRuntimeSocket,
  cpuLimitsMissing,
  cpuRequestsMissing,
  dangerousCapability,
  defaultNamespace,
  defaultServiceAccountAutomount,
  defaultServiceAccountBinding,
  defaultServiceAccountToken,
  hostIpc,
  hostNetwork,
  hostPathVolume,
  hostPid,
  hostPort,
  imageNotPinned,
  imagePullPolicy,
  imageTagLatest,
  ingressNginxSnippet,
  ingressWithoutTls,
  livenessProbeMissing,
  memoryLimitsMissing,
  memoryRequestsMissing,
  networkPolicyMissing,
  privilegedContainer,
  procMountUnmasked,
  rbacAdmissionWebhooks,
  rbacApproveCsr,
  rbacBindEscalate,
  rbacImpersonate,
  rbacPodExec,
  rbacReadSecrets,
  rbacWildcard,
  readOnlyRootFilesystem,
  readinessProbeMissing,
  runAsNonRoot,
  runAsRootUser,
  seccompProfileMissing,
  seccompUnconfined,
  secretFromEnv,
  secretInEnv,
  secretInManifest,
  selinuxPrivilegedType,
  sensitiveHostPath,
  serviceLoadBalancerOpen,
  serviceNodePort,
  shareProcessNamespace,
  unsafeSysctl,
  windowsHostProcess,
];
