import type { IacCheck } from '../../../check.js';
import { asArray, asRecord } from '../../../yaml/load.js';
import { hasUrlCredentials, isLiteralSecretValue, isSecretName } from '../../kubernetes/shared.js';
import { composeMeta, findingAt, type ComposeFile } from '../model.js';

function problem(name: string, value: unknown): string | undefined {
  if (isSecretName(name) && isLiteralSecretValue(value))
    return `Environment variable ${name} has a hard-coded secret value`;
  if (hasUrlCredentials(value)) return `Environment variable ${name} holds a URL with an inline password`;
  return undefined;
}

export const check: IacCheck<ComposeFile> = {
  meta: composeMeta({
    id: 'iac/compose-secret-in-environment',
    title: 'Hard-coded secret in a service environment',
    severity: 'medium',
    cwe: ['CWE-798'],
    description:
      'A password, token or key written in `environment:` is committed with the compose file and shown by `docker inspect` to anyone with access to the daemon. Secret-like names (PASSWORD, SECRET, TOKEN, API_KEY, ...) with a literal value, and URLs with an inline password, are reported; `${VAR}` interpolation and variables passed through without a value are not.',
    help: {
      bad: `services:
  db:
    image: postgres:16.3
    environment:
      POSTGRES_PASSWORD: s3cr3t-Passw0rd
`,
      good: `services:
  db:
    image: postgres:16.3
    environment:
      POSTGRES_PASSWORD_FILE: /run/secrets/db_password
    secrets:
      - db_password
secrets:
  db_password:
    file: ./secrets/db_password.txt
`,
      fix: 'Use compose `secrets:` (mounted as files), or `${VAR}` interpolation from an untracked `.env` file; rotate the exposed credential.',
    },
    references: [
      'https://docs.docker.com/compose/how-tos/use-secrets/',
      'https://docs.docker.com/compose/how-tos/environment-variables/set-environment-variables/',
    ],
    tags: ['owasp:A07:2021', 'secrets'],
    precision: 'high',
  }),
  check(file, report) {
    for (const service of file.services) {
      const environment = service.value.environment;
      const map = asRecord(environment);
      if (map) {
        for (const [name, value] of Object.entries(map)) {
          const message = problem(name, value);
          if (message) report(findingAt(file, service, ['environment', name], { message }));
        }
        continue;
      }
      asArray(environment).forEach((item, index) => {
        if (typeof item !== 'string') return;
        const equals = item.indexOf('=');
        if (equals <= 0) return; // `NAME` alone passes the host's value through
        const message = problem(item.slice(0, equals).trim(), item.slice(equals + 1));
        if (message) report(findingAt(file, service, ['environment', index], { message }));
      });
    }
  },
};
