import type { IacCheck } from '../../../check.js';
import type { DockerDocument, ShellWord } from '../model.js';
import { dockerRule, INTEGRITY } from '../meta.js';
import { optionValues, reportAt, runs } from '../query.js';
import { aptOption, isFalse, isTrue } from './apt-missing-yes.js';
import { RPM_MANAGERS } from './dnf-cache-not-cleaned.js';
import type { Invocation } from '../shell.js';

const APT_FLAGS = [
  '--allow-unauthenticated',
  '--force-yes',
  '--allow-insecure-repositories',
  '--allow-downgrades-unauthenticated',
];
const APT_OPTIONS = [
  'APT::Get::AllowUnauthenticated',
  'Acquire::AllowInsecureRepositories',
  'APT::Get::force-yes',
];
const RPM_FLAGS = ['--nosignature', '--nodigest', '--nofiledigest', '--noverify'];

/** The word that turns signature checks off for this package manager call, if any. */
function bypass(inv: Invocation): ShellWord | undefined {
  const has = (flags: readonly string[]): ShellWord | undefined =>
    inv.args.find((a) => flags.includes(a.value));
  switch (inv.name) {
    case 'apt-get':
    case 'apt':
    case 'aptitude': {
      const flag = has(APT_FLAGS);
      if (flag !== undefined) return flag;
      for (const name of APT_OPTIONS) {
        const option = aptOption(inv, name);
        if (option !== undefined && isTrue(option.value.slice(option.value.lastIndexOf('=') + 1)))
          return option;
      }
      return undefined;
    }
    case 'apk':
      return has(['--allow-untrusted']);
    case 'rpm':
      return has(RPM_FLAGS);
    case 'zypper':
      return has(['--no-gpg-checks']);
    default:
      if (!RPM_MANAGERS.includes(inv.name)) return undefined;
      return (
        has(['--nogpgcheck', '--no-gpgchecks']) ??
        optionValues(inv.args, ['--setopt']).find((w) => {
          const v = w.value.replace(/^--setopt=/, '').toLowerCase();
          const eq = v.indexOf('=');
          const key = v.slice(0, eq);
          return eq > 0 && (key === 'gpgcheck' || key.endsWith('.gpgcheck')) && isFalse(v.slice(eq + 1));
        })
      );
  }
}

/** Whether an apt source line has `[... trusted=yes ...]`. */
function trustedYes(line: string): boolean {
  const open = line.indexOf('[');
  const close = line.indexOf(']', open);
  return open >= 0 && close > open && line.slice(open, close).includes('trusted=yes');
}

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-package-signature-bypass',
    title: 'Package signature verification disabled',
    severity: 'high',
    cwe: ['CWE-347', 'CWE-494'],
    description:
      'Options such as `--allow-unauthenticated`, `--force-yes`, `--allow-untrusted`, `--nogpgcheck`, `--nosignature` or `[trusted=yes]` install packages whose signatures are missing or wrong. A tampered mirror or a man in the middle can then put any code into the image.',
    help: {
      bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y --allow-unauthenticated curl && rm -rf /var/lib/apt/lists/*\n',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
      fix: 'Remove the option and import the repository signing key instead (`signed-by=` for apt, the repository key for apk/rpm).',
    },
    references: [
      'https://manpages.debian.org/stable/apt/apt-get.8.en.html',
      'https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper',
      'https://dnf.readthedocs.io/en/latest/conf_ref.html',
    ],
    tags: [INTEGRITY],
    precision: 'high',
    checkov: ['CKV2_DOCKER_7', 'CKV2_DOCKER_8', 'CKV2_DOCKER_9', 'CKV2_DOCKER_10', 'CKV2_DOCKER_11'],
  }),
  check(doc, report) {
    for (const { stage, invocations } of runs(doc)) {
      for (const inv of invocations) {
        const word = bypass(inv);
        if (word !== undefined) {
          reportAt(report, doc, stage, word);
          continue;
        }
        // echo "deb [trusted=yes] http://..." > /etc/apt/sources.list.d/x.list
        if (inv.name === 'echo' || inv.name === 'printf' || inv.name === 'tee') {
          const source = inv.args.find((a) => a.value.includes('deb ') && trustedYes(a.value));
          if (source !== undefined) reportAt(report, doc, stage, source);
        }
      }
    }
  },
};
