import type { IacCheck } from '../../../check.js';
import { asArray, asRecord } from '../../../yaml/load.js';
import { findingAt, getString, k8sMeta, objectsOfKind, type K8sManifests } from '../model.js';

const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
const OPEN_RANGES = new Set(['0.0.0.0/0', '::/0']);

/** Cloud annotations that make the load balancer internal (private addresses only). */
function isInternal(annotations: Record<string, unknown>): boolean {
  return Object.entries(annotations).some(([key, raw]) => {
    const value = String(raw).trim().toLowerCase();
    const name = key.toLowerCase();
    const internalKey =
      (name.includes('load-balancer') && name.endsWith('-internal')) ||
      name.endsWith('internal-load-balancer');
    if (internalKey) return value !== 'false' && value !== '';
    if (name.endsWith('disable-public-network')) return value === 'true';
    const typeKey = ['load-balancer-type', 'load-balancer-scheme', 'ip-type', 'address-type'].some((end) =>
      name.endsWith(end),
    );
    return typeKey && (value === 'internal' || value === 'private' || value === 'intranet');
  });
}

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-service-load-balancer-open',
    title: 'LoadBalancer Service open to the internet',
    severity: 'low',
    cwe: ['CWE-668'],
    description:
      'A LoadBalancer Service without `loadBalancerSourceRanges` (or with `0.0.0.0/0`) gets a public address reachable from anywhere. Internal load balancers (cloud annotations) and Services with restricted source ranges are not reported.',
    help: {
      bad: `apiVersion: v1
kind: Service
metadata:
  name: admin
spec:
  type: LoadBalancer
  selector:
    app: admin
  ports:
    - port: 443
      targetPort: 8443
`,
      good: `apiVersion: v1
kind: Service
metadata:
  name: admin
spec:
  type: LoadBalancer
  loadBalancerSourceRanges:
    - 203.0.113.0/24
  selector:
    app: admin
  ports:
    - port: 443
      targetPort: 8443
`,
      fix: 'Restrict the clients with `loadBalancerSourceRanges`, make the load balancer internal, or publish through an Ingress with authentication.',
    },
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer',
      'https://kubernetes.io/docs/tasks/access-application-cluster/configure-cloud-provider-firewall/',
    ],
    precision: 'medium',
  }),
  check(manifests, report) {
    for (const service of objectsOfKind(manifests, 'Service')) {
      if (getString(service.value, ['spec', 'type']) !== 'LoadBalancer') continue;
      const annotations = asRecord(asRecord(service.value.metadata)?.annotations) ?? {};
      if (isInternal(annotations)) continue;
      const ranges = asArray(asRecord(service.value.spec)?.loadBalancerSourceRanges);
      if (ranges.length > 0) {
        ranges.forEach((range, index) => {
          if (typeof range === 'string' && OPEN_RANGES.has(range.trim()))
            report(findingAt(service, [...service.path, 'spec', 'loadBalancerSourceRanges', index]));
        });
        continue;
      }
      const annotated = annotations[SOURCE_RANGES_ANNOTATION];
      if (typeof annotated === 'string') {
        if (annotated.split(',').some((range) => OPEN_RANGES.has(range.trim())))
          report(findingAt(service, [...service.path, 'metadata', 'annotations', SOURCE_RANGES_ANNOTATION]));
        continue;
      }
      report(findingAt(service, [...service.path, 'spec', 'type']));
    }
  },
};
