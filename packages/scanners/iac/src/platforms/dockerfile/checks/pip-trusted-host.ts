import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { CRYPTO, dockerRule } from '../meta.js';
import { envSettings, positionals, reportAt, runs } from '../query.js';
import { pipArgs } from './pip-no-cache-dir.js';

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-pip-trusted-host',
    title: 'pip trusts a host without certificate verification',
    severity: 'medium',
    cwe: ['CWE-295'],
    description:
      '`--trusted-host` (or `PIP_TRUSTED_HOST`) makes pip accept plain HTTP and any TLS certificate for that host. Whoever sits on the network path can serve modified packages, which run at install time and ship in the image.',
    help: {
      bad: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir --trusted-host pypi.example.com -i http://pypi.example.com/simple flask\n',
      good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir -i https://pypi.example.com/simple flask\n',
      fix: 'Serve the index over HTTPS with a valid certificate; for a private CA, pass it with `--cert` or `PIP_CERT`.',
    },
    references: ['https://pip.pypa.io/en/stable/cli/pip/#cmdoption-trusted-host'],
    tags: [CRYPTO],
    precision: 'high',
    checkov: ['CKV2_DOCKER_4', 'CKV2_DOCKER_16'],
  }),
  check(doc, report) {
    for (const setting of envSettings(doc))
      if (setting.name === 'PIP_TRUSTED_HOST' && setting.value.trim() !== '')
        reportAt(report, doc, setting.stage, setting);
    for (const { stage, invocations } of runs(doc)) {
      for (const inv of invocations) {
        const pip = pipArgs(inv);
        if (pip === undefined) continue;
        const option = pip.args.find(
          (a) => a.value === '--trusted-host' || a.value.startsWith('--trusted-host='),
        );
        if (option !== undefined) {
          reportAt(report, doc, stage, option);
          continue;
        }
        // pip config set global.trusted-host host
        const words = positionals(pip.args);
        if (
          words[0]?.value === 'config' &&
          words[1]?.value === 'set' &&
          (words[2]?.value ?? '').endsWith('.trusted-host')
        )
          reportAt(report, doc, stage, words[2] ?? pip.program);
      }
    }
  },
};
