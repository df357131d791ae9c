import type { IacCheck } from '../../../check.js';
import { containerImages } from '../images.js';
import { containerResource, findingAt, k8sMeta, type K8sManifests } from '../model.js';
import { isMutableImage } from '../shared.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-image-pull-policy',
    title: 'Mutable image tag without imagePullPolicy: Always',
    severity: 'low',
    cwe: ['CWE-494'],
    description:
      'With a floating tag (`latest` or none) and `imagePullPolicy: IfNotPresent` or `Never`, each node runs whatever copy it cached, so pods of one workload run different code, and a pod can use a private image cached on the node without presenting pull credentials.',
    help: {
      bad: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: registry.example.com/web:latest
      imagePullPolicy: IfNotPresent
`,
      good: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: registry.example.com/web:latest
      imagePullPolicy: Always
`,
      fix: 'Pin the image to a version or digest; if the tag must float, set `imagePullPolicy: Always`.',
    },
    references: [
      'https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy',
      'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#alwayspullimages',
    ],
    tags: ['owasp:A08:2021'],
    precision: 'high',
    checkov: ['CKV_K8S_15'],
  }),
  check(manifests, report) {
    for (const { obj, container, ref } of containerImages(manifests)) {
      const policy = container.value.imagePullPolicy;
      if (!isMutableImage(ref) || typeof policy !== 'string' || policy === 'Always') continue;
      report(
        findingAt(obj, [...container.path, 'imagePullPolicy'], {
          resource: containerResource(obj, container),
        }),
      );
    }
  },
};
