import type { IacCheck } from '../../../check.js';
import type { DockerDocument, ShellWord } from '../model.js';
import { CRYPTO, dockerRule } from '../meta.js';
import { positionals, reportAt, runs, verifiesDownloads } from '../query.js';
import { CURL_LONG_WITH_VALUE } from './curl-insecure.js';

const LOCAL_HOSTS = ['localhost', '127.0.0.1', '0.0.0.0', '[::1]', 'host.docker.internal'];

/** Whether `url` is `http://` (or `git://`) to a host that is not local and not a variable. */
export function isPlainRemote(url: string, schemes: readonly string[] = ['http://']): boolean {
  const lower = url.toLowerCase();
  const scheme = schemes.find((s) => lower.startsWith(s));
  if (scheme === undefined) return false;
  const rest = lower.slice(scheme.length);
  const hostEnd = [...'/:?#'].map((c) => rest.indexOf(c)).filter((i) => i >= 0);
  const host = rest.slice(0, hostEnd.length > 0 ? Math.min(...hostEnd) : rest.length);
  const hostname = host.slice(host.lastIndexOf('@') + 1);
  if (hostname === '' || hostname.includes('$') || hostname.includes('{')) return false;
  return (
    !LOCAL_HOSTS.includes(hostname) &&
    !hostname.startsWith('127.') &&
    !hostname.startsWith('169.254.') &&
    !hostname.endsWith('.localhost')
  );
}

const WGET_WITH_VALUE = [
  '-O --output-document -o --output-file -P --directory-prefix -U --user-agent --header -t',
  '--tries -T --timeout -e --execute --user --password',
]
  .join(' ')
  .split(' ');
const GIT_CLONE_WITH_VALUE = [
  '-b --branch -o --origin --depth -c --config --reference --separate-git-dir -j --jobs',
  '--filter --shallow-since --shallow-exclude -u --upload-pack --template',
]
  .join(' ')
  .split(' ');

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-plain-http-download',
    title: 'Download over unencrypted HTTP',
    severity: 'medium',
    cwe: ['CWE-319', 'CWE-494'],
    description:
      'Files fetched with curl, wget or git over `http://` (or `git://`) travel unencrypted and unauthenticated: anyone on the network path can replace them. RUN instructions that verify a checksum or signature (`sha256sum -c`, `gpg --verify`) are not reported.',
    help: {
      bad: 'FROM debian:12\nRUN curl -fsSLo /usr/local/bin/tool http://downloads.example.com/tool && chmod +x /usr/local/bin/tool\n',
      good: 'FROM debian:12\nRUN curl -fsSLo /usr/local/bin/tool https://downloads.example.com/tool && chmod +x /usr/local/bin/tool\n',
      fix: 'Use `https://` (and verify a checksum or signature of what you download).',
    },
    references: [
      'https://cwe.mitre.org/data/definitions/319.html',
      'https://docs.docker.com/build/building/best-practices/#add-or-copy',
    ],
    tags: [CRYPTO],
    precision: 'high',
  }),
  check(doc, report) {
    for (const { stage, invocations } of runs(doc)) {
      if (verifiesDownloads(invocations)) continue;
      for (const inv of invocations) {
        let urls: ShellWord[] = [];
        if (inv.name === 'curl')
          urls = positionals(
            inv.args,
            CURL_LONG_WITH_VALUE.concat(
              ['-o -H -d -u -A -X -e -b -c -w -x -T -m -r -F -K -E -C -D -P -Q -t -U -Y -y -z']
                .join(' ')
                .split(' '),
            ),
          ).concat(inv.args.filter((a) => a.value.startsWith('--url=')));
        else if (inv.name === 'wget') urls = positionals(inv.args, WGET_WITH_VALUE);
        else if (inv.name === 'git') {
          const words = positionals(inv.args, ['-C', '-c']);
          const clone = words.findIndex(
            (w) => w.value === 'clone' || w.value === 'fetch' || w.value === 'pull',
          );
          if (clone >= 0) {
            const rest = inv.args.slice(inv.args.indexOf(words[clone] as ShellWord) + 1);
            urls = positionals(rest, GIT_CLONE_WITH_VALUE).slice(0, 1);
          }
        }
        for (const url of urls) {
          const value = url.value.startsWith('--url=') ? url.value.slice(6) : url.value;
          const schemes = inv.name === 'git' ? ['http://', 'git://'] : ['http://'];
          if (!url.expansion && isPlainRemote(value, schemes)) reportAt(report, doc, stage, url);
        }
      }
    }
  },
};
