import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { BEST_PRACTICES, dockerRule, MISCONFIGURATION } from '../meta.js';
import {
  hasCacheMount,
  hasOption,
  removes,
  reportAt,
  runs,
  shippedStages,
  subcommand,
  wordsSpan,
} from '../query.js';

export const APK_WITH_VALUE = [
  '-X --repository -p --root --arch -t --virtual --repositories-file --keys-dir --cache-dir',
]
  .join(' ')
  .split(' ');

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-apk-no-cache',
    title: 'apk add without --no-cache',
    severity: 'low',
    cwe: ['CWE-710'],
    description:
      'Without `--no-cache`, apk keeps the package index in /var/cache/apk, which stays in the image layer: a bigger image and stale metadata shipped to production.',
    help: {
      bad: 'FROM alpine:3.20\nRUN apk add curl\n',
      good: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
      fix: 'Use `apk add --no-cache ...` (or remove /var/cache/apk/* in the same RUN, or use a cache mount).',
    },
    references: [`${BEST_PRACTICES}#run`, 'https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper'],
    tags: [MISCONFIGURATION],
    precision: 'high',
  }),
  check(doc, report) {
    const shipped = shippedStages(doc);
    for (const { run, stage, invocations } of runs(doc)) {
      if (!shipped.has(stage.index)) continue;
      if (
        hasCacheMount(run, ['/var/cache/apk', '/etc/apk/cache']) ||
        removes(invocations, ['/var/cache/apk'])
      )
        continue;
      if (invocations.some((i) => i.name === 'apk' && subcommand(i, APK_WITH_VALUE)?.value === 'cache'))
        continue;
      for (const inv of invocations) {
        if (inv.name !== 'apk') continue;
        const sub = subcommand(inv, APK_WITH_VALUE);
        if (sub?.value !== 'add' || hasOption(inv.args, ['--no-cache'])) continue;
        reportAt(report, doc, stage, wordsSpan(inv.program, sub));
      }
    }
  },
};
