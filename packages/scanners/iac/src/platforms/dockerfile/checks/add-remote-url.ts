import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { dockerRule, INTEGRITY } from '../meta.js';
import { copySources, reportAt, stageInstructions } from '../query.js';

/** Whether an ADD source is fetched over the network (URL or Git repository). */
export function isRemoteSource(value: string): boolean {
  const lower = value.toLowerCase();
  return (
    lower.startsWith('http://') ||
    lower.startsWith('https://') ||
    lower.startsWith('ftp://') ||
    lower.startsWith('git://') ||
    lower.startsWith('ssh://') ||
    lower.startsWith('git@')
  );
}

/** A Git source pinned to a full commit (`...git#<40 hex>`). */
function pinnedToCommit(value: string): boolean {
  const hash = value.indexOf('#');
  if (hash < 0) return false;
  const ref = value.slice(hash + 1).split(':')[0] ?? '';
  return /^[0-9a-f]{40}$/i.test(ref) || /^[0-9a-f]{64}$/i.test(ref);
}

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-add-remote-url',
    title: 'ADD downloads a remote file without a checksum',
    severity: 'medium',
    cwe: ['CWE-494'],
    description:
      'ADD with a URL downloads the file at build time and puts it in the image without checking what it received. If the server or the network path is compromised, or the file simply changes, the image gets different content with no error.',
    help: {
      bad: 'FROM alpine:3.20\nADD https://example.com/tool.tar.gz /opt/\n',
      good: 'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /opt/\n',
      fix: 'Add `--checksum=sha256:<digest>` to ADD (BuildKit), pin Git sources to a commit, or download in a RUN that verifies a checksum or signature.',
    },
    references: [
      'https://docs.docker.com/reference/dockerfile/#add---checksum',
      'https://docs.docker.com/build/building/best-practices/#add-or-copy',
    ],
    tags: [INTEGRITY],
    precision: 'high',
    checkov: ['CKV_DOCKER_4'],
  }),
  check(doc, report) {
    for (const [add, stage] of stageInstructions(doc, 'ADD')) {
      if (add.flags.some((f) => f.name === 'checksum')) continue;
      for (const source of copySources(add))
        if (isRemoteSource(source.value) && !pinnedToCommit(source.value))
          reportAt(report, doc, stage, source);
    }
  },
};
