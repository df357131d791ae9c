import type { IacCheck } from '../../../check.js';
import { findingAt, k8sMeta, objectAnchor, objectsOfKind, type K8sManifests } from '../model.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-default-service-account-automount',
    title: 'Default ServiceAccount automounts its token',
    severity: 'low',
    cwe: ['CWE-250'],
    description:
      "Every pod that does not name a service account uses the namespace's `default` ServiceAccount. When a manifest defines that account, it should set `automountServiceAccountToken: false`, so that no pod receives an API token it did not ask for.",
    help: {
      bad: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: default
  namespace: shop
`,
      good: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: default
  namespace: shop
automountServiceAccountToken: false
`,
      fix: 'Set `automountServiceAccountToken: false` on the `default` ServiceAccount and give pods that need the API their own account.',
    },
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    ],
    tags: ['owasp:A01:2021'],
    precision: 'high',
    checkov: ['CKV_K8S_41'],
  }),
  check(manifests, report) {
    for (const sa of objectsOfKind(manifests, 'ServiceAccount')) {
      if (sa.name !== 'default') continue;
      const automount = sa.value.automountServiceAccountToken;
      if (automount === false) continue;
      if (automount === true) report(findingAt(sa, [...sa.path, 'automountServiceAccountToken']));
      else if (automount === undefined || automount === null) report(objectAnchor(sa));
    }
  },
};
