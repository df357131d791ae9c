import type { IacCheck } from '../../../check.js';
import type { DockerDocument, ShellWord } from '../model.js';
import { CRYPTO, dockerRule } from '../meta.js';
import { reportAt, runs } from '../query.js';

/** curl short options that take a value: the rest of a cluster after them is that value. */
export const CURL_SHORT_WITH_VALUE = 'AbcCdDeEFHKmoPQrtTuUwxXyYz';
/** curl long options that take the next word as their value. */
export const CURL_LONG_WITH_VALUE = [
  '--output --header --data --data-raw --data-binary --data-urlencode --user --user-agent',
  '--request --cookie --cookie-jar --config --form --write-out --proxy --referer --max-time',
  '--connect-timeout --retry --retry-delay --retry-max-time --cacert --capath --cert --key',
  '--output-dir --upload-file --range --continue-at --dump-header --time-cond --limit-rate',
  '--resolve --interface --proto --proto-redir --url --oauth2-bearer --compressed-ssh',
]
  .join(' ')
  .split(' ');

/** The word that disables certificate checks (`-k`, `--insecure`, a cluster such as `-sSLk`), if any. */
export function curlInsecure(args: readonly ShellWord[]): ShellWord | undefined {
  for (let k = 0; k < args.length; k++) {
    const arg = args[k] as ShellWord;
    const v = arg.value;
    if (v === '--') return undefined;
    if (v === '--insecure') return arg;
    if (v.startsWith('--')) {
      if (CURL_LONG_WITH_VALUE.includes(v)) k++;
      continue;
    }
    if (!v.startsWith('-') || v.length < 2) continue;
    for (let c = 1; c < v.length; c++) {
      const ch = v.charAt(c);
      if (ch === 'k') return arg;
      if (CURL_SHORT_WITH_VALUE.includes(ch)) {
        if (c === v.length - 1) k++;
        break;
      }
    }
  }
  return undefined;
}

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-curl-insecure',
    title: 'curl with certificate verification disabled',
    severity: 'high',
    cwe: ['CWE-295'],
    description:
      '`curl -k` / `--insecure` accepts any TLS certificate, so anyone on the network path (a proxy, a compromised mirror, a hostile Wi-Fi) can serve a different file, which then runs or ships in the image.',
    help: {
      bad: 'FROM alpine:3.20\nRUN curl -kfsSL https://example.com/tool -o /usr/local/bin/tool\n',
      good: 'FROM alpine:3.20\nRUN curl -fsSL https://example.com/tool -o /usr/local/bin/tool\n',
      fix: 'Remove `-k`/`--insecure`; if the server uses a private CA, install that CA (or pass `--cacert`) instead.',
    },
    references: ['https://curl.se/docs/manpage.html#-k', 'https://curl.se/docs/sslcerts.html'],
    tags: [CRYPTO],
    precision: 'high',
    checkov: ['CKV2_DOCKER_2'],
  }),
  check(doc, report) {
    for (const { stage, invocations } of runs(doc)) {
      for (const inv of invocations) {
        if (inv.name !== 'curl') continue;
        const word = curlInsecure(inv.args);
        if (word !== undefined) reportAt(report, doc, stage, word);
      }
    }
  },
};
