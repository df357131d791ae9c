import type { IacCheck } from '../../../check.js';
import { findingAt, k8sMeta, rangeAt, type K8sManifests, type YamlPath } from '../model.js';
import { rbacRules, rulePath, ruleResource } from '../rbac.js';

const FIELDS = ['apiGroups', 'resources', 'verbs'] as const;

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-rbac-wildcard',
    title: 'RBAC rule uses a wildcard',
    severity: 'medium',
    cwe: ['CWE-269'],
    description:
      'A `*` in `verbs`, `resources` or `apiGroups` grants every current and future verb, resource or API group, including Secrets, `escalate`, `impersonate` and custom resources added later. Least privilege means listing what the subject needs.',
    help: {
      bad: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: deployer
  namespace: shop
rules:
  - apiGroups: ["apps"]
    resources: ["*"]
    verbs: ["*"]
`,
      good: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: deployer
  namespace: shop
rules:
  - apiGroups: ["apps"]
    resources: ["deployments"]
    verbs: ["get", "list", "watch", "update", "patch"]
`,
      fix: 'Replace the wildcard with the explicit verbs, resources and API groups the subject needs.',
    },
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/',
    ],
    tags: ['owasp:A01:2021'],
    precision: 'high',
    checkov: ['CKV_K8S_49'],
  }),
  check(manifests, report) {
    for (const rule of rbacRules(manifests)) {
      const found: { field: string; path: YamlPath; start: number }[] = [];
      for (const field of FIELDS) {
        const index = rule[field].indexOf('*');
        if (index === -1) continue;
        const path = rulePath(rule, field, index);
        found.push({ field, path, start: rangeAt(rule.obj.doc, path).start });
      }
      const first = found.sort((a, b) => a.start - b.start)[0];
      if (!first) continue;
      report(
        findingAt(rule.obj, first.path, {
          resource: ruleResource(rule),
          message: `RBAC rule uses a wildcard in ${found.map((f) => f.field).join(', ')}`,
        }),
      );
    }
  },
};
