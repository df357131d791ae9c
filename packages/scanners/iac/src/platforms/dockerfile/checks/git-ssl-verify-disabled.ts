import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { CRYPTO, dockerRule } from '../meta.js';
import { envSettings, positionals, reportAt, runs } from '../query.js';
import { isFalse } from './apt-missing-yes.js';

/** Whether a git config key is `http.sslVerify` or `http.<url>.sslVerify`. */
function isSslVerifyKey(key: string): boolean {
  const lower = key.toLowerCase();
  return lower.startsWith('http.') && lower.endsWith('.sslverify');
}

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-git-ssl-verify-disabled',
    title: 'Git certificate verification disabled',
    severity: 'high',
    cwe: ['CWE-295'],
    description:
      '`GIT_SSL_NO_VERIFY` (set to any value) or `http.sslVerify false` make Git accept any TLS certificate, so a man in the middle can serve different source code, which is then built into the image.',
    help: {
      bad: 'FROM alpine:3.20\nENV GIT_SSL_NO_VERIFY=1\nRUN git clone https://github.com/example/project.git\n',
      good: 'FROM alpine:3.20\nRUN git clone https://github.com/example/project.git\n',
      fix: 'Remove the setting; for a private CA, install the CA certificate or set `http.sslCAInfo`.',
    },
    references: [
      'https://git-scm.com/docs/git-config#Documentation/git-config.txt-httpsslVerify',
      'https://git-scm.com/docs/git#_environment_variables',
    ],
    tags: [CRYPTO],
    precision: 'high',
    checkov: ['CKV2_DOCKER_14'],
  }),
  check(doc, report) {
    for (const setting of envSettings(doc))
      if (setting.name === 'GIT_SSL_NO_VERIFY') reportAt(report, doc, setting.stage, setting);
    for (const { stage, invocations } of runs(doc)) {
      for (const inv of invocations) {
        if (inv.name !== 'git') continue;
        // git -c http.sslVerify=false ...
        for (let k = 0; k < inv.args.length; k++) {
          const arg = inv.args[k];
          const value = inv.args[k + 1];
          if (arg?.value !== '-c' || value === undefined) continue;
          const eq = value.value.indexOf('=');
          if (eq > 0 && isSslVerifyKey(value.value.slice(0, eq)) && isFalse(value.value.slice(eq + 1)))
            reportAt(report, doc, stage, value);
        }
        // git config [--global] http.sslVerify false
        const words = positionals(inv.args, ['-c', '-C', '--file', '-f', '--blob', '--type']);
        const at = words.findIndex((w) => w.value === 'config');
        if (at < 0) continue;
        const key = words[at + 1];
        const value = words[at + 2];
        if (key !== undefined && value !== undefined && isSslVerifyKey(key.value) && isFalse(value.value))
          reportAt(report, doc, stage, key);
      }
    }
  },
};
