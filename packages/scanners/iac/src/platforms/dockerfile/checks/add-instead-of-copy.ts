import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { BEST_PRACTICES, dockerRule, MISCONFIGURATION } from '../meta.js';
import { copySources, reportAt, stageInstructions } from '../query.js';
import { isRemoteSource } from './add-remote-url.js';

const TAR_SUFFIXES = ['.tar .tar.gz .tgz .tar.bz2 .tbz2 .tbz .tar.xz .txz .tar.zst .tzst .tar.lzma .tlz']
  .join(' ')
  .split(' ');

/** Whether ADD would unpack the source (a local tar archive). */
function isArchive(value: string): boolean {
  const lower = value.toLowerCase();
  return TAR_SUFFIXES.some((s) => lower.endsWith(s));
}

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-add-instead-of-copy',
    title: 'ADD used where COPY suffices',
    severity: 'low',
    cwe: ['CWE-710'],
    description:
      'ADD copies local files like COPY, but also fetches URLs and unpacks tar archives. Using it for plain files hides that behaviour: a file that later becomes an archive is silently extracted. COPY does only what it says.',
    help: {
      bad: 'FROM alpine:3.20\nADD app.py /app/app.py\n',
      good: 'FROM alpine:3.20\nCOPY app.py /app/app.py\n',
      fix: 'Use COPY for local files and folders; keep ADD only for local tar archives that must be unpacked.',
    },
    references: [`${BEST_PRACTICES}#add-or-copy`, 'https://docs.docker.com/reference/dockerfile/#add'],
    tags: [MISCONFIGURATION],
    precision: 'high',
    checkov: ['CKV_DOCKER_4'],
  }),
  check(doc, report) {
    for (const [add, stage] of stageInstructions(doc, 'ADD')) {
      const sources = copySources(add);
      if (sources.length === 0) continue;
      if (add.flags.some((f) => f.name === 'checksum' || f.name === 'keep-git-dir' || f.name === 'unpack'))
        continue;
      if (sources.some((s) => isRemoteSource(s.value) || s.value.includes('$') || isArchive(s.value)))
        continue;
      reportAt(report, doc, stage, { start: add.start, end: add.keywordEnd });
    }
  },
};
