import type { IacCheck } from '../../../check.js';
import { hostPathVolumes } from '../host-paths.js';
import { findingAt, k8sMeta, type K8sManifests } from '../model.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-container-runtime-socket',
    title: 'Pod mounts the container runtime socket',
    severity: 'critical',
    cwe: ['CWE-250', 'CWE-668'],
    description:
      'The Docker, containerd or CRI-O socket is the runtime API of the node: whoever can write to it can start a privileged container with the host filesystem mounted, which is root on the node.',
    help: {
      bad: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: builder
spec:
  template:
    spec:
      containers:
        - name: builder
          image: registry.example.com/builder:3.1.0
          volumeMounts:
            - name: docker
              mountPath: /var/run/docker.sock
      volumes:
        - name: docker
          hostPath:
            path: /var/run/docker.sock
            type: Socket
`,
      good: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: builder
spec:
  template:
    spec:
      containers:
        - name: builder
          image: registry.example.com/builder:3.1.0
          volumeMounts:
            - name: workspace
              mountPath: /workspace
      volumes:
        - name: workspace
          emptyDir: {}
`,
      fix: 'Do not mount the runtime socket; build images with a daemonless builder (BuildKit rootless, Kaniko, Buildah) instead.',
    },
    references: [
      'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
      'https://docs.docker.com/engine/security/#docker-daemon-attack-surface',
    ],
    precision: 'high',
    checkov: ['CKV_K8S_27'],
  }),
  check(manifests, report) {
    for (const volume of hostPathVolumes(manifests)) {
      if (volume.kind !== 'socket') continue;
      report(
        findingAt(volume.obj, volume.path, {
          resource: `${volume.obj.resource} volume ${volume.volume}`,
          message: `Pod mounts the container runtime socket ${volume.hostPath}`,
        }),
      );
    }
  },
};
