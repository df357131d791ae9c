import type { IacCheck } from '../../../check.js';
import { asRecord } from '../../../yaml/load.js';
import { findingAt, k8sMeta, objectsOfKind, type K8sManifests } from '../model.js';
import { isLiteralSecretValue } from '../shared.js';

/** Secret types whose data Kubernetes fills in itself. */
const GENERATED_TYPES = new Set(['kubernetes.io/service-account-token']);

function decoded(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return Buffer.from(value, 'base64').toString('utf8');
}

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-secret-in-manifest',
    title: 'Secret with values committed in the manifest',
    severity: 'medium',
    cwe: ['CWE-798', 'CWE-312'],
    description:
      'A Secret manifest with `data` or `stringData` values keeps the secret in the repository: base64 is an encoding, not encryption. Everyone with read access to the repository and its history has the credential. Empty values and placeholders (`${VAR}`, `<password>`) are not reported.',
    help: {
      bad: `apiVersion: v1
kind: Secret
metadata:
  name: web-db
type: Opaque
stringData:
  password: "s3cr3t-Passw0rd"
`,
      good: `apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: web-db
spec:
  secretStoreRef:
    name: vault
    kind: ClusterSecretStore
  target:
    name: web-db
  data:
    - secretKey: password
      remoteRef:
        key: shop/web-db
        property: password
`,
      fix: 'Keep secret values out of Git: use an external secret store (External Secrets Operator, CSI driver), SealedSecrets or SOPS-encrypted files, and rotate the exposed credential.',
    },
    references: [
      'https://kubernetes.io/docs/concepts/configuration/secret/',
      'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    ],
    tags: ['owasp:A07:2021', 'secrets'],
    precision: 'high',
  }),
  check(manifests, report) {
    for (const secret of objectsOfKind(manifests, 'Secret')) {
      if (secret.apiVersion !== 'v1') continue;
      if (typeof secret.value.type === 'string' && GENERATED_TYPES.has(secret.value.type)) continue;
      for (const field of ['stringData', 'data'] as const) {
        const data = asRecord(secret.value[field]);
        if (!data) continue;
        const keys = Object.keys(data).filter((key) =>
          isLiteralSecretValue(field === 'data' ? decoded(data[key]) : data[key]),
        );
        if (keys.length === 0) continue;
        report(
          findingAt(secret, [...secret.path, field], {
            key: true,
            message: `Secret has hard-coded ${field} values (${keys.sort().join(', ')})`,
          }),
        );
      }
    }
  },
};
