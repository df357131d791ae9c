import type { IacCheck } from '../../../check.js';
import { asRecord } from '../../../yaml/load.js';
import { findingAt, k8sMeta, objectsOfKind, type K8sManifests } from '../model.js';
import { hasPrivateKey, hasUrlCredentials, isLiteralSecretValue, isSecretName } from '../shared.js';

function problem(key: string, value: unknown): string | undefined {
  if (isSecretName(key) && isLiteralSecretValue(value)) return `ConfigMap key ${key} holds a secret value`;
  if (hasPrivateKey(value)) return `ConfigMap key ${key} holds a private key`;
  if (typeof value === 'string' && !value.includes('\n') && hasUrlCredentials(value))
    return `ConfigMap key ${key} holds a URL with an inline password`;
  return undefined;
}

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-configmap-secret',
    title: 'Secret stored in a ConfigMap',
    severity: 'medium',
    cwe: ['CWE-312', 'CWE-798'],
    description:
      'ConfigMaps are not meant for secrets: they are readable by far more subjects (many roles grant `get configmaps`), printed by tooling and never encrypted at rest. A secret-like key (PASSWORD, TOKEN, API_KEY, ...) with a literal value, a private key or a URL with an inline password in a ConfigMap is reported.',
    help: {
      bad: `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  LOG_LEVEL: info
  API_TOKEN: "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
`,
      good: `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  LOG_LEVEL: info
  API_TOKEN_FILE: /etc/secrets/api/token
`,
      fix: 'Move the value into a Secret supplied from a secret store (and out of the repository), and rotate it.',
    },
    references: [
      'https://kubernetes.io/docs/concepts/configuration/configmap/',
      'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    ],
    tags: ['owasp:A07:2021', 'secrets'],
    precision: 'medium',
  }),
  check(manifests, report) {
    for (const configMap of objectsOfKind(manifests, 'ConfigMap')) {
      const data = asRecord(configMap.value.data);
      if (!data) continue;
      for (const [key, value] of Object.entries(data)) {
        const message = problem(key, value);
        if (message) report(findingAt(configMap, [...configMap.path, 'data', key], { key: true, message }));
      }
    }
  },
};
