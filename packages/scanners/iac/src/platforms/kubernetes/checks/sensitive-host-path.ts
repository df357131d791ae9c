import type { IacCheck } from '../../../check.js';
import { hostPathVolumes } from '../host-paths.js';
import { findingAt, k8sMeta, type K8sManifests } from '../model.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-sensitive-host-path',
    title: 'Pod mounts a sensitive host path',
    severity: 'high',
    cwe: ['CWE-668'],
    description:
      'Mounting a system directory of the node (`/`, `/etc`, `/proc`, `/sys`, `/root`, `/var/lib/kubelet`, `/etc/kubernetes`, ...) exposes host credentials, kubelet and cluster certificates, and kernel interfaces; with write access it is a direct escape to the node.',
    help: {
      bad: `apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  containers:
    - name: agent
      image: registry.example.com/agent:2.0.1
      volumeMounts:
        - name: host-etc
          mountPath: /host/etc
  volumes:
    - name: host-etc
      hostPath:
        path: /etc
`,
      good: `apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  containers:
    - name: agent
      image: registry.example.com/agent:2.0.1
      volumeMounts:
        - name: config
          mountPath: /etc/agent
  volumes:
    - name: config
      configMap:
        name: agent-config
`,
      fix: 'Do not mount system directories of the node; pass configuration with ConfigMaps and Secrets, and use node-level agents with a dedicated, reviewed exception.',
    },
    references: [
      'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    ],
    precision: 'high',
  }),
  check(manifests, report) {
    for (const volume of hostPathVolumes(manifests)) {
      if (volume.kind !== 'sensitive') continue;
      report(
        findingAt(volume.obj, volume.path, {
          resource: `${volume.obj.resource} volume ${volume.volume}`,
          message: `Pod mounts the sensitive host path ${volume.hostPath}`,
        }),
      );
    }
  },
};
