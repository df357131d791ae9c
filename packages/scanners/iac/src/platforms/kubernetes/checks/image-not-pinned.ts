import type { IacCheck } from '../../../check.js';
import { containerImages } from '../images.js';
import { containerResource, findingAt, k8sMeta, type K8sManifests } from '../model.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-image-not-pinned',
    title: 'Image is not pinned by digest',
    severity: 'low',
    cwe: ['CWE-494'],
    description:
      'Tags are mutable: whoever can push to the repository can change what `web:1.4.2` means. A digest (`@sha256:...`) names exactly one image, so the cluster runs what was reviewed and scanned.',
    help: {
      bad: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: registry.example.com/web:1.4.2
`,
      good: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: registry.example.com/web:1.4.2@sha256:4b3f2e5a1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f
`,
      fix: 'Reference images by digest (tools such as Renovate or kustomize `images:` can keep digests up to date).',
    },
    references: [
      'https://kubernetes.io/docs/concepts/containers/images/#image-names',
      'https://slsa.dev/spec/v1.0/threats',
    ],
    tags: ['owasp:A08:2021'],
    precision: 'high',
    checkov: ['CKV_K8S_43'],
  }),
  check(manifests, report) {
    for (const { obj, container, ref } of containerImages(manifests)) {
      if (ref.digest !== undefined) continue;
      report(findingAt(obj, [...container.path, 'image'], { resource: containerResource(obj, container) }));
    }
  },
};
