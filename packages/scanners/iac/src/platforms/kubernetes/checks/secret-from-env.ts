import type { IacCheck } from '../../../check.js';
import { asArray, asRecord } from '../../../yaml/load.js';
import { containerResource, containersOf, findingAt, k8sMeta, type K8sManifests } from '../model.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-secret-from-env',
    title: 'Secret passed as an environment variable',
    severity: 'low',
    cwe: ['CWE-526'],
    description:
      'Environment variables leak more easily than files: they are inherited by every child process, printed by crash reporters and debug endpoints, and visible in `/proc/<pid>/environ`. Secrets mounted as files can also be rotated without restarting the pod.',
    help: {
      bad: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: registry.example.com/web:1.4.2
      env:
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef:
              name: web-db
              key: password
`,
      good: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: registry.example.com/web:1.4.2
      volumeMounts:
        - name: db
          mountPath: /etc/secrets/db
          readOnly: true
  volumes:
    - name: db
      secret:
        secretName: web-db
`,
      fix: 'Mount the Secret as a read-only volume and have the application read the file.',
    },
    references: [
      'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod',
      'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    ],
    tags: ['owasp:A05:2021', 'secrets'],
    precision: 'medium',
    checkov: ['CKV_K8S_35'],
  }),
  check(manifests, report) {
    for (const { obj, container } of containersOf(manifests)) {
      const resource = containerResource(obj, container);
      asArray(container.value.env).forEach((item, index) => {
        if (!asRecord(asRecord(asRecord(item)?.valueFrom)?.secretKeyRef)) return;
        report(
          findingAt(obj, [...container.path, 'env', index, 'valueFrom', 'secretKeyRef'], {
            key: true,
            resource,
          }),
        );
      });
      asArray(container.value.envFrom).forEach((item, index) => {
        if (!asRecord(asRecord(item)?.secretRef)) return;
        report(findingAt(obj, [...container.path, 'envFrom', index, 'secretRef'], { key: true, resource }));
      });
    }
  },
};
