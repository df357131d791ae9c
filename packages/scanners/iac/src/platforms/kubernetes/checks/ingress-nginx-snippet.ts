import type { IacCheck } from '../../../check.js';
import { asRecord } from '../../../yaml/load.js';
import { findingAt, k8sMeta, objectsOfKind, type K8sManifests } from '../model.js';

const PREFIXES = ['nginx.ingress.kubernetes.io/', 'nginx.org/'];

function isSnippet(key: string): boolean {
  const name = key.toLowerCase();
  return (
    PREFIXES.some((prefix) => name.startsWith(prefix)) &&
    (name.endsWith('-snippet') || name.endsWith('-snippets'))
  );
}

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-ingress-nginx-snippet',
    title: 'Ingress injects raw NGINX configuration (snippet annotation)',
    severity: 'medium',
    cwe: ['CWE-94'],
    description:
      'Snippet annotations (`configuration-snippet`, `server-snippet`, ...) paste raw configuration into the NGINX controller, which runs with access to every Secret of the cluster. Whoever can edit an Ingress can then read those Secrets (CVE-2021-25742) or run Lua code; ingress-nginx disables snippets by default for this reason.',
    help: {
      bad: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    nginx.ingress.kubernetes.io/configuration-snippet: |
      more_set_headers "X-Frame-Options: DENY";
spec:
  ingressClassName: nginx
  tls:
    - hosts: ["shop.example.com"]
      secretName: shop-example-com-tls
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 80
`,
      good: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    nginx.ingress.kubernetes.io/custom-headers: shop/security-headers
spec:
  ingressClassName: nginx
  tls:
    - hosts: ["shop.example.com"]
      secretName: shop-example-com-tls
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 80
`,
      fix: 'Use the dedicated annotations or controller-wide ConfigMap settings instead of snippets, and keep `allow-snippet-annotations` off.',
    },
    references: [
      'https://github.com/kubernetes/ingress-nginx/issues/7837',
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#configuration-snippet',
    ],
    tags: ['owasp:A03:2021'],
    precision: 'high',
    checkov: ['CKV_K8S_153'],
  }),
  check(manifests, report) {
    for (const ingress of objectsOfKind(manifests, 'Ingress')) {
      const annotations = asRecord(asRecord(ingress.value.metadata)?.annotations) ?? {};
      for (const key of Object.keys(annotations))
        if (isSnippet(key))
          report(findingAt(ingress, [...ingress.path, 'metadata', 'annotations', key], { key: true }));
    }
  },
};
