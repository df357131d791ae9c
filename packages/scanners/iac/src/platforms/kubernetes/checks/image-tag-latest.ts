import type { IacCheck } from '../../../check.js';
import { containerImages } from '../images.js';
import { containerResource, findingAt, k8sMeta, type K8sManifests } from '../model.js';
import { isMutableImage } from '../shared.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-image-tag-latest',
    title: 'Image uses the latest tag or no tag',
    severity: 'medium',
    cwe: ['CWE-1357'],
    description:
      'An image without a tag, or tagged `latest`, resolves to whatever was pushed last. Deployments are not reproducible, rollbacks do not roll back, and a compromised or broken push reaches production on the next pod restart.',
    help: {
      bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: registry.example.com/web:latest
`,
      good: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: registry.example.com/web:1.4.2
`,
      fix: 'Pin the image to a version tag, or better to a digest (`image: registry.example.com/web@sha256:...`).',
    },
    references: [
      'https://kubernetes.io/docs/concepts/containers/images/#image-names',
      'https://kubernetes.io/docs/concepts/configuration/overview/#container-images',
    ],
    tags: ['owasp:A08:2021'],
    precision: 'high',
    checkov: ['CKV_K8S_14'],
  }),
  check(manifests, report) {
    for (const { obj, container, ref } of containerImages(manifests)) {
      if (!isMutableImage(ref)) continue;
      report(
        findingAt(obj, [...container.path, 'image'], {
          resource: containerResource(obj, container),
          message:
            ref.tag === undefined ? 'Image has no tag (defaults to latest)' : 'Image uses the latest tag',
        }),
      );
    }
  },
};
