import type { IacCheck } from '../../../check.js';
import { asArray, asRecord } from '../../../yaml/load.js';
import { findingAt, k8sMeta, objectAnchor, objectsOfKind, type K8sManifests } from '../model.js';

/** Annotations of controllers that terminate TLS with a certificate configured outside `spec.tls`. */
function hasAnnotatedCertificate(annotations: Record<string, unknown>): boolean {
  return Object.entries(annotations).some(([key, value]) => {
    const name = key.toLowerCase();
    if (name.includes('certificate') || name.includes('pre-shared-cert') || name.includes('ssl-cert'))
      return true;
    return name === 'kubernetes.io/ingress.allow-http' && String(value).toLowerCase() === 'false';
  });
}

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-ingress-without-tls',
    title: 'Ingress without TLS',
    severity: 'low',
    cwe: ['CWE-319'],
    description:
      'An Ingress without a `tls` section serves its hosts over plain HTTP: credentials, cookies and data cross the network in clear text and can be modified on the way. Ingresses whose controller gets the certificate from an annotation (AWS ALB, GCE pre-shared certificates, ...) are not reported.',
    help: {
      bad: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
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
spec:
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
      fix: 'Add a `tls` section with the hosts and the Secret holding the certificate (cert-manager can issue and renew it).',
    },
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls',
      'https://cert-manager.io/docs/usage/ingress/',
    ],
    tags: ['owasp:A02:2021'],
    precision: 'medium',
  }),
  check(manifests, report) {
    for (const ingress of objectsOfKind(manifests, 'Ingress')) {
      const spec = asRecord(ingress.value.spec);
      if (asArray(spec?.tls).length > 0) continue;
      if (hasAnnotatedCertificate(asRecord(asRecord(ingress.value.metadata)?.annotations) ?? {})) continue;
      if (spec && 'tls' in spec) report(findingAt(ingress, [...ingress.path, 'spec', 'tls'], { key: true }));
      else if (spec) report(findingAt(ingress, [...ingress.path, 'spec'], { key: true }));
      else report(objectAnchor(ingress));
    }
  },
};
