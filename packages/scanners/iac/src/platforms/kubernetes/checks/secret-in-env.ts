import type { IacCheck } from '../../../check.js';
import { asArray, asRecord } from '../../../yaml/load.js';
import { containerResource, containersOf, findingAt, k8sMeta, type K8sManifests } from '../model.js';
import { hasUrlCredentials, isLiteralSecretValue, isSecretName } from '../shared.js';

export const check: IacCheck<K8sManifests> = {
  meta: k8sMeta({
    id: 'iac/k8s-secret-in-env',
    title: 'Hard-coded secret in a container environment variable',
    severity: 'high',
    cwe: ['CWE-798'],
    description:
      'A password, token or key written as a literal `env` value is stored in the repository, in the object spec (readable by anyone who can get the workload) and in every copy of the manifest. Secret-like names (PASSWORD, SECRET, TOKEN, API_KEY, ...) with a literal value, and URLs with an inline password, are reported.',
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
          image: registry.example.com/web:1.4.2
          env:
            - name: DB_PASSWORD
              value: "s3cr3t-Passw0rd"
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
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: web-db
                  key: password
`,
      fix: 'Move the value into a Secret (managed by an external secret store, sealed-secrets or SOPS) and reference it with `valueFrom.secretKeyRef`; rotate the exposed credential.',
    },
    references: [
      'https://kubernetes.io/docs/concepts/configuration/secret/',
      'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    ],
    tags: ['owasp:A07:2021', 'secrets'],
    precision: 'high',
  }),
  check(manifests, report) {
    for (const { obj, container } of containersOf(manifests)) {
      asArray(container.value.env).forEach((item, index) => {
        const variable = asRecord(item);
        const name = variable?.name;
        const value = variable?.value;
        if (typeof name !== 'string' || value === undefined) return;
        const secretName = isSecretName(name) && isLiteralSecretValue(value);
        if (!secretName && !hasUrlCredentials(value)) return;
        report(
          findingAt(obj, [...container.path, 'env', index, 'value'], {
            resource: containerResource(obj, container),
            message: secretName
              ? `Environment variable ${name} has a hard-coded secret value`
              : `Environment variable ${name} holds a URL with an inline password`,
          }),
        );
      });
    }
  },
};
