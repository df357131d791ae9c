import type { IacCheck } from '../../../check.js';
import { findingAt, k8sMeta, type K8sManifests } from '../model.js';
import {
  hasGroup,
  hasVerb,
  rbacRules,
  resourceIndexes,
  rulePath,
  ruleResource,
  type RbacRule,
} from '../rbac.js';

function certificates(rule: RbacRule): boolean {
  return hasGroup(rule, 'certificates.k8s.io');
}

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-rbac-approve-csr',
    title: 'RBAC role can approve certificate signing requests',
    severity: 'medium',
    cwe: ['CWE-269'],
    description:
      'A role with `update` on `certificatesigningrequests/approval` and `approve` on `signers` can approve its own requests for client certificates, for example one for a node or for a member of `system:masters`, and so authenticate as any identity the signer issues.',
    help: {
      bad: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: csr-approver
rules:
  - apiGroups: ["certificates.k8s.io"]
    resources: ["certificatesigningrequests/approval"]
    verbs: ["update"]
  - apiGroups: ["certificates.k8s.io"]
    resources: ["signers"]
    verbs: ["approve"]
`,
      good: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: csr-reader
rules:
  - apiGroups: ["certificates.k8s.io"]
    resources: ["certificatesigningrequests"]
    verbs: ["get", "list", "watch"]
`,
      fix: 'Leave CSR approval to the controllers that own each signer, and restrict `approve` to a specific signer with `resourceNames`.',
    },
    references: [
      'https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization',
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#csrs-and-certificate-issuing',
    ],
    tags: ['owasp:A01:2021'],
    precision: 'high',
    checkov: ['CKV_K8S_156'],
  }),
  check(manifests, report) {
    const rules = rbacRules(manifests);
    for (const rule of rules) {
      if (!certificates(rule) || !hasVerb(rule, 'update', 'patch')) continue;
      // `*` covers every resource and subresource, `*/approval` the approval subresource of any resource.
      const approval = resourceIndexes(rule, 'certificatesigningrequests/approval', '*/approval', '*');
      if (approval.length === 0) continue;
      // Approval also needs `approve` on a signer (any signer without resourceNames), in the same role.
      const canApprove = rules.some(
        (other) =>
          other.obj === rule.obj &&
          certificates(other) &&
          other.resourceNames.length === 0 &&
          (other.verbs.includes('approve') || other.verbs.includes('*')) &&
          (other.resources.includes('signers') || other.resources.includes('*')),
      );
      if (!canApprove) continue;
      for (const index of approval)
        report(findingAt(rule.obj, rulePath(rule, 'resources', index), { resource: ruleResource(rule) }));
    }
  },
};
