import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { CRYPTO, dockerRule } from '../meta.js';
import { reportAt, runs } from '../query.js';

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-wget-no-check-certificate',
    title: 'wget with certificate verification disabled',
    severity: 'high',
    cwe: ['CWE-295'],
    description:
      '`wget --no-check-certificate` (or `check_certificate = off` in .wgetrc) accepts any TLS certificate, so anyone on the network path can serve a different file, which then runs or ships in the image.',
    help: {
      bad: 'FROM debian:12\nRUN wget --no-check-certificate https://example.com/tool.tar.gz\n',
      good: 'FROM debian:12\nRUN wget https://example.com/tool.tar.gz\n',
      fix: 'Remove the option; for a private CA, install it or pass `--ca-certificate`.',
    },
    references: ['https://www.gnu.org/software/wget/manual/wget.html#HTTPS-_0028SSL_002fTLS_0029-Options'],
    tags: [CRYPTO],
    precision: 'high',
    checkov: ['CKV2_DOCKER_3'],
  }),
  check(doc, report) {
    for (const { stage, invocations } of runs(doc)) {
      for (const inv of invocations) {
        if (inv.name === 'wget') {
          const option = inv.args.find((a) => a.value === '--no-check-certificate');
          if (option !== undefined) reportAt(report, doc, stage, option);
          const execute = inv.args.find((a) =>
            a.value.replace(/\s/g, '').toLowerCase().includes('check_certificate=off'),
          );
          if (execute !== undefined) reportAt(report, doc, stage, execute);
        } else if (inv.name === 'echo' || inv.name === 'printf') {
          const line = inv.args.find((a) =>
            a.value.replace(/\s/g, '').toLowerCase().includes('check_certificate=off'),
          );
          if (line !== undefined) reportAt(report, doc, stage, line);
        }
      }
    }
  },
};
