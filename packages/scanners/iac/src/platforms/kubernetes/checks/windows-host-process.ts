import type { IacCheck } from '../../../check.js';
import { containerResource, findingAt, get, k8sMeta, workloads, type K8sManifests } from '../model.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-windows-host-process',
    title: 'Windows HostProcess container',
    severity: 'high',
    cwe: ['CWE-250'],
    description:
      'A Windows HostProcess container runs directly on the node, with the host network and filesystem and, typically, as SYSTEM: it is the Windows equivalent of a privileged container.',
    help: {
      bad: `apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  securityContext:
    windowsOptions:
      hostProcess: true
      runAsUserName: "NT AUTHORITY\\\\SYSTEM"
  hostNetwork: true
  nodeSelector:
    kubernetes.io/os: windows
  containers:
    - name: agent
      image: registry.example.com/agent-win:2.0.1
`,
      good: `apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  securityContext:
    windowsOptions:
      runAsUserName: "ContainerUser"
  nodeSelector:
    kubernetes.io/os: windows
  containers:
    - name: agent
      image: registry.example.com/agent-win:2.0.1
`,
      fix: 'Run the workload as a regular Windows container; keep HostProcess pods for reviewed node agents.',
    },
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    ],
    precision: 'high',
  }),
  check(manifests, report) {
    for (const { obj, pod } of workloads(manifests)) {
      if (get(pod.value, ['securityContext', 'windowsOptions', 'hostProcess']) === true)
        report(findingAt(obj, [...pod.path, 'securityContext', 'windowsOptions', 'hostProcess']));
      for (const container of pod.containers)
        if (get(container.value, ['securityContext', 'windowsOptions', 'hostProcess']) === true)
          report(
            findingAt(obj, [...container.path, 'securityContext', 'windowsOptions', 'hostProcess'], {
              resource: containerResource(obj, container),
            }),
          );
    }
  },
};
