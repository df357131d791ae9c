import type { IacCheck } from '../../../check.js';
import { k8sMeta, objectAnchor, sameNamespace, workloads, type K8sManifests } from '../model.js';

/** Policies scoped to one namespace. */
const NAMESPACED_POLICIES = new Set(['NetworkPolicy', 'CiliumNetworkPolicy']);
/** Policies that apply to every namespace. */
const CLUSTER_POLICIES = new Set([
  'CiliumClusterwideNetworkPolicy',
  'GlobalNetworkPolicy',
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
]);
/** Workloads that do not serve traffic (run-to-completion) or are not run at all. */
const SKIPPED_KINDS = new Set(['Job', 'CronJob', 'PodTemplate']);

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-network-policy-missing',
    title: "No NetworkPolicy for the workload's namespace",
    severity: 'low',
    cwe: ['CWE-923'],
    description:
      'Without a NetworkPolicy, every pod can reach every other pod in the cluster, and a compromised pod can move laterally to databases and internal APIs. Workloads (not Jobs, CronJobs or host-network pods) are reported only when the scanned manifests contain no NetworkPolicy (or Cilium/Calico/admin network policy) for their namespace; a policy without a namespace counts for every namespace.',
    help: {
      bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: app
          image: registry.example.com/web:1.4.2
`,
      good: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: app
          image: registry.example.com/web:1.4.2
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: shop
spec:
  podSelector: {}
  policyTypes: ["Ingress", "Egress"]
`,
      fix: 'Add a default-deny NetworkPolicy to the namespace and allow the traffic each workload needs.',
    },
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies',
    ],
    precision: 'medium',
    checkov: ['CKV2_K8S_6'],
  }),
  check(manifests, report) {
    const policies = manifests.objects.filter(
      (obj) => NAMESPACED_POLICIES.has(obj.kind) || CLUSTER_POLICIES.has(obj.kind),
    );
    if (policies.some((policy) => CLUSTER_POLICIES.has(policy.kind))) return;
    for (const { obj, pod } of workloads(manifests)) {
      if (SKIPPED_KINDS.has(obj.kind) || pod.value.hostNetwork === true) continue; // policies do not apply to host-network pods
      if (policies.some((policy) => sameNamespace(policy.namespace, obj.namespace))) continue;
      report(
        objectAnchor(obj, {
          message:
            obj.namespace === undefined
              ? 'No NetworkPolicy in the scanned manifests for the workload'
              : `No NetworkPolicy in the scanned manifests for namespace ${obj.namespace}`,
        }),
      );
    }
  },
};
