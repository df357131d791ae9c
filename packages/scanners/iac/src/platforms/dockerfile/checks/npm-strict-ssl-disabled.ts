import type { IacCheck } from '../../../check.js';
import type { DockerDocument, ShellWord } from '../model.js';
import { CRYPTO, dockerRule } from '../meta.js';
import { envSettings, positionals, reportAt, runs } from '../query.js';
import { isFalse } from './apt-missing-yes.js';

const KEYS = ['strict-ssl', 'strict_ssl', 'enablestrictssl'];

/** `config set strict-ssl false`, `set strict-ssl=false`: the key word, if it disables strict SSL. */
function setsStrictSslOff(words: readonly ShellWord[]): ShellWord | undefined {
  let k = 0;
  if (words[k]?.value === 'config' || words[k]?.value === 'c') k++;
  if (words[k]?.value !== 'set') return undefined;
  const key = words[k + 1];
  if (key === undefined) return undefined;
  const eq = key.value.indexOf('=');
  if (eq > 0)
    return KEYS.includes(key.value.slice(0, eq).toLowerCase()) && isFalse(key.value.slice(eq + 1))
      ? key
      : undefined;
  const value = words[k + 2];
  return KEYS.includes(key.value.toLowerCase()) && value !== undefined && isFalse(value.value)
    ? key
    : undefined;
}

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-npm-strict-ssl-disabled',
    title: 'npm/yarn certificate verification disabled',
    severity: 'high',
    cwe: ['CWE-295'],
    description:
      '`strict-ssl false` (or `NPM_CONFIG_STRICT_SSL=false`) makes npm and yarn accept any TLS certificate from the registry, so a man in the middle can serve modified packages that run at install time and ship in the image.',
    help: {
      bad: 'FROM node:20.18-slim\nRUN npm config set strict-ssl false && npm ci\n',
      good: 'FROM node:20.18-slim\nRUN npm ci\n',
      fix: 'Remove the setting; for a registry with a private CA, set `cafile` (or `NODE_EXTRA_CA_CERTS`) to that CA.',
    },
    references: [
      'https://docs.npmjs.com/cli/using-npm/config#strict-ssl',
      'https://classic.yarnpkg.com/lang/en/docs/cli/config/',
    ],
    tags: [CRYPTO],
    precision: 'high',
    checkov: ['CKV2_DOCKER_12', 'CKV2_DOCKER_13'],
  }),
  check(doc, report) {
    for (const setting of envSettings(doc))
      if (setting.name.toLowerCase() === 'npm_config_strict_ssl' && isFalse(setting.value))
        reportAt(report, doc, setting.stage, setting);
    for (const { stage, invocations } of runs(doc)) {
      for (const inv of invocations) {
        if (inv.name !== 'npm' && inv.name !== 'yarn' && inv.name !== 'pnpm') continue;
        const key = setsStrictSslOff(positionals(inv.args, ['--location', '-L']));
        if (key !== undefined) {
          reportAt(report, doc, stage, key);
          continue;
        }
        const option = inv.args.find(
          (a) =>
            a.value === '--no-strict-ssl' ||
            (a.value.startsWith('--strict-ssl=') && isFalse(a.value.slice(13))),
        );
        if (option !== undefined) reportAt(report, doc, stage, option);
      }
    }
  },
};
