import type { IacCheck } from '../../../check.js';
import { asArray, asRecord } from '../../../yaml/load.js';
import { findingAt, get, k8sMeta, workloads, type K8sManifests } from '../model.js';

/** Sysctls Kubernetes considers safe (namespaced and isolated between pods). */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]);

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-unsafe-sysctl',
    title: 'Pod sets an unsafe sysctl',
    severity: 'medium',
    cwe: ['CWE-668'],
    description:
      'Sysctls outside the safe set are not isolated between pods: they can change kernel behaviour for every workload on the node or starve it of resources. The Baseline Pod Security Standard allows only the safe set.',
    help: {
      bad: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    sysctls:
      - name: kernel.msgmax
        value: "65536"
  containers:
    - name: app
      image: registry.example.com/web:1.4.2
`,
      good: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    sysctls:
      - name: net.ipv4.ip_local_port_range
        value: "1024 65535"
  containers:
    - name: app
      image: registry.example.com/web:1.4.2
`,
      fix: 'Use only safe sysctls in pods; tune node-wide kernel parameters on the node (and taint dedicated nodes) instead.',
    },
    references: [
      'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    ],
    precision: 'high',
  }),
  check(manifests, report) {
    for (const { obj, pod } of workloads(manifests)) {
      asArray(get(pod.value, ['securityContext', 'sysctls'])).forEach((item, index) => {
        const name = asRecord(item)?.name;
        if (typeof name !== 'string' || name.includes('{{') || name.includes('$')) return;
        const normal = name.split('/').join('.');
        if (SAFE_SYSCTLS.has(normal)) return;
        report(
          findingAt(obj, [...pod.path, 'securityContext', 'sysctls', index, 'name'], {
            message: `Pod sets the unsafe sysctl ${name}`,
          }),
        );
      });
    }
  },
};
