import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { dockerRule, MISCONFIGURATION } from '../meta.js';
import { finalChain, headSpan, reportAt } from '../query.js';

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-missing-healthcheck',
    title: 'No HEALTHCHECK in the final image',
    severity: 'low',
    cwe: ['CWE-754'],
    description:
      'Without a HEALTHCHECK, Docker and Swarm only know whether the process is alive, not whether it still answers. A hung service keeps receiving traffic. (Kubernetes ignores HEALTHCHECK and uses probes instead.) Only images that run something (CMD, ENTRYPOINT or EXPOSE) are checked.',
    help: {
      bad: 'FROM nginx:1.27\nEXPOSE 80\n',
      good: 'FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost/ || exit 1\n',
      fix: 'Add `HEALTHCHECK CMD <command that fails when the service is unhealthy>` to the final stage (or `HEALTHCHECK NONE` to state that none is wanted).',
    },
    references: ['https://docs.docker.com/reference/dockerfile/#healthcheck'],
    tags: [MISCONFIGURATION],
    precision: 'medium',
    checkov: ['CKV_DOCKER_2'],
  }),
  check(doc, report) {
    const chain = finalChain(doc);
    const final = chain[0];
    if (final === undefined) return;
    const instructions = chain.flatMap((s) => s.instructions);
    if (instructions.some((i) => i.keyword === 'HEALTHCHECK')) return;
    if (
      !instructions.some((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT' || i.keyword === 'EXPOSE')
    )
      return;
    reportAt(report, doc, final, headSpan(final.from, doc));
  },
};
