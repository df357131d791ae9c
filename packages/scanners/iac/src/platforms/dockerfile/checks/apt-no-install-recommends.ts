import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { BEST_PRACTICES, dockerRule, MISCONFIGURATION } from '../meta.js';
import { hasOption, reportAt, runs, shippedStages, subcommand, wordsSpan } from '../query.js';
import { APT_WITH_VALUE, aptConfigured, aptOption } from './apt-missing-yes.js';

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-apt-no-install-recommends',
    title: 'apt-get install without --no-install-recommends',
    severity: 'low',
    cwe: ['CWE-1164'],
    description:
      'By default apt-get also installs "recommended" packages, which the application rarely needs. They make the image bigger and add software (and vulnerabilities) to patch.',
    help: {
      bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
      fix: 'Add `--no-install-recommends` to apt-get install (or set `APT::Install-Recommends "false"` in an apt configuration file).',
    },
    references: [`${BEST_PRACTICES}#apt-get`, 'https://manpages.debian.org/stable/apt/apt-get.8.en.html'],
    tags: [MISCONFIGURATION],
    precision: 'high',
  }),
  check(doc, report) {
    if (aptConfigured(doc, 'install-recommends')) return;
    const shipped = shippedStages(doc);
    for (const { stage, invocations } of runs(doc)) {
      if (!shipped.has(stage.index)) continue;
      for (const inv of invocations) {
        if (inv.name !== 'apt-get' && inv.name !== 'apt') continue;
        const sub = subcommand(inv, APT_WITH_VALUE);
        if (sub?.value !== 'install' || hasOption(inv.args, ['--no-install-recommends'])) continue;
        if (aptOption(inv, 'APT::Install-Recommends') !== undefined) continue;
        reportAt(report, doc, stage, wordsSpan(inv.program, sub));
      }
    }
  },
};
