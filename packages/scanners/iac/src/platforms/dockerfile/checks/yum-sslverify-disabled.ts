import type { IacCheck } from '../../../check.js';
import type { DockerDocument, ShellWord } from '../model.js';
import { CRYPTO, dockerRule } from '../meta.js';
import { optionValues, reportAt, runs } from '../query.js';
import { isFalse } from './apt-missing-yes.js';
import { RPM_MANAGERS } from './dnf-cache-not-cleaned.js';

const CONFIG_MANAGERS = ['yum-config-manager', 'dnf-config-manager'];

/** Whether a setting (`--setopt=repo.sslverify=0`, a `sslverify=false` line) turns sslverify off. */
function disablesSslVerify(setting: string): boolean {
  const v = setting.toLowerCase();
  let at = v.indexOf('sslverify');
  while (at >= 0) {
    const before = v.charAt(at - 1);
    const wordStart = at === 0 || !/[a-z0-9_]/.test(before) || v.slice(at - 2, at) === '\\n';
    let k = at + 'sslverify'.length;
    while (v.charAt(k) === ' ' || v.charAt(k) === '\t') k++;
    if (wordStart && v.charAt(k) === '=') {
      k++;
      while (v.charAt(k) === ' ' || v.charAt(k) === '\t') k++;
      let end = k;
      while (end < v.length && /[a-z0-9]/.test(v.charAt(end))) end++;
      if (isFalse(v.slice(k, end))) return true;
    }
    at = v.indexOf('sslverify', at + 1);
  }
  return false;
}

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-yum-sslverify-disabled',
    title: 'yum/dnf certificate verification disabled (sslverify)',
    severity: 'high',
    cwe: ['CWE-295'],
    description:
      '`sslverify=0` makes yum and dnf accept any TLS certificate from the repository. Together with a disabled or missing GPG check, a man in the middle can serve modified packages.',
    help: {
      bad: 'FROM fedora:41\nRUN dnf config-manager --save --setopt=sslverify=0\n',
      good: 'FROM fedora:41\nRUN dnf install -y httpd && dnf clean all\n',
      fix: 'Remove the option; for a private CA, add it to the system trust store (`update-ca-trust`) or set `sslcacert` for the repository.',
    },
    references: ['https://dnf.readthedocs.io/en/latest/conf_ref.html'],
    tags: [CRYPTO],
    precision: 'high',
    checkov: ['CKV2_DOCKER_15'],
  }),
  check(doc, report) {
    for (const { run, stage, invocations } of runs(doc)) {
      const writesRepoConfig = /\/etc\/(yum|dnf)|\.repo\b/.test(run.args.text);
      for (const inv of invocations) {
        let found: ShellWord | undefined;
        if (CONFIG_MANAGERS.includes(inv.name) || RPM_MANAGERS.includes(inv.name))
          found = optionValues(inv.args, ['--setopt']).find((w) => disablesSslVerify(w.value));
        else if (writesRepoConfig && ['echo', 'printf', 'sed', 'tee'].includes(inv.name))
          found = inv.args.find((a) => disablesSslVerify(a.value));
        if (found !== undefined) reportAt(report, doc, stage, found);
      }
    }
  },
};
