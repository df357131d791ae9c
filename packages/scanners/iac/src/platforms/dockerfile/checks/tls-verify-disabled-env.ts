import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { CRYPTO, dockerRule } from '../meta.js';
import { envSettings, reportAt } from '../query.js';

/** Variables that turn certificate checks off, with a test of the values that do it. */
const DISABLING: Record<string, (value: string) => boolean> = {
  NODE_TLS_REJECT_UNAUTHORIZED: (v) => v.trim() === '0',
  PYTHONHTTPSVERIFY: (v) => v.trim() === '0',
  GOINSECURE: (v) => v.trim() !== '',
};

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-tls-verify-disabled-env',
    title: 'TLS certificate verification disabled by an environment variable',
    severity: 'high',
    cwe: ['CWE-295'],
    description:
      '`NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0` and `GOINSECURE` turn off certificate checks for every connection the runtime makes. Set in ENV, they stay on in every container: the application talks to APIs and databases that anyone on the path can impersonate.',
    help: {
      bad: 'FROM node:20.18-slim\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nCMD ["node", "server.js"]\n',
      good: 'FROM node:20.18-slim\nENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/internal-ca.pem\nCMD ["node", "server.js"]\n',
      fix: 'Remove the variable; to trust a private CA, add it (`NODE_EXTRA_CA_CERTS`, the system CA store, `SSL_CERT_FILE`).',
    },
    references: [
      'https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue',
      'https://peps.python.org/pep-0493/',
      'https://go.dev/ref/mod#environment-variables',
    ],
    tags: [CRYPTO],
    precision: 'high',
    checkov: ['CKV2_DOCKER_5', 'CKV2_DOCKER_6'],
  }),
  check(doc, report) {
    for (const setting of envSettings(doc)) {
      const disables = DISABLING[setting.name];
      if (disables !== undefined && disables(setting.value))
        reportAt(
          report,
          doc,
          setting.stage,
          setting,
          `${setting.name}=${setting.value} disables certificate verification`,
        );
    }
  },
};
