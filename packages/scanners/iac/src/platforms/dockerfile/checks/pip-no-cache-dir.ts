import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { BEST_PRACTICES, dockerRule, MISCONFIGURATION } from '../meta.js';
import {
  chainOf,
  envSettings,
  hasCacheMount,
  hasOption,
  positionals,
  removes,
  reportAt,
  runs,
  shippedStages,
  wordsSpan,
} from '../query.js';
import type { Invocation } from '../shell.js';
import type { ShellWord } from '../model.js';

/** Whether a program name is pip (`pip`, `pip3`, `pip3.12`). */
export function isPip(name: string): boolean {
  if (!name.startsWith('pip')) return false;
  for (const c of name.slice(3)) if (!((c >= '0' && c <= '9') || c === '.')) return false;
  return true;
}

/** Whether a program name is Python (`python`, `python3`, `python3.12`). */
function isPython(name: string): boolean {
  if (!name.startsWith('python')) return false;
  for (const c of name.slice(6)) if (!((c >= '0' && c <= '9') || c === '.')) return false;
  return true;
}

/** The pip arguments of `pip ...` or `python -m pip ...`; `undefined` for other commands. */
export function pipArgs(inv: Invocation): { program: ShellWord; args: ShellWord[] } | undefined {
  if (isPip(inv.name)) return { program: inv.program, args: inv.args };
  if (!isPython(inv.name)) return undefined;
  const m = inv.args.findIndex((a) => a.value === '-m');
  if (m < 0 || inv.args[m + 1]?.value !== 'pip') return undefined;
  return { program: inv.program, args: inv.args.slice(m + 2) };
}

export const PIP_WITH_VALUE = [
  '-r --requirement -c --constraint -e --editable -i --index-url --extra-index-url -f --find-',
  'links --trusted-host -t --target --prefix --root --platform --python-version',
  '--implementation --abi --cache-dir --proxy --timeout --retries --src --upgrade-strategy',
  '--only-binary --no-binary --progress-bar --log --cert --client-cert --exists-action',
]
  .join(' ')
  .split(' ');

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-pip-no-cache-dir',
    title: 'pip install without --no-cache-dir',
    severity: 'low',
    cwe: ['CWE-710'],
    description:
      'pip keeps downloaded wheels in ~/.cache/pip. In an image build that cache is never reused, but it stays in the layer and can add hundreds of megabytes.',
    help: {
      bad: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n',
      good: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n',
      fix: 'Add `--no-cache-dir`, set `ENV PIP_NO_CACHE_DIR=1`, or use a cache mount (`RUN --mount=type=cache,target=/root/.cache/pip`).',
    },
    references: ['https://pip.pypa.io/en/stable/topics/caching/', `${BEST_PRACTICES}#run`],
    tags: [MISCONFIGURATION],
    precision: 'high',
  }),
  check(doc, report) {
    const shipped = shippedStages(doc);
    const configured = runs(doc).some(({ invocations }) =>
      invocations.some((i) => {
        const pip = pipArgs(i);
        return (
          pip !== undefined &&
          positionals(pip.args).some((a) => a.value.toLowerCase().includes('no-cache-dir'))
        );
      }),
    );
    if (configured) return;
    const settings = envSettings(doc).filter((x) => x.name === 'PIP_NO_CACHE_DIR' && x.source !== 'RUN');
    for (const { run, stage, invocations } of runs(doc)) {
      if (!shipped.has(stage.index)) continue;
      if (
        hasCacheMount(run, ['/root/.cache/pip', '/root/.cache']) ||
        run.flags.some((f) => f.name === 'mount' && (f.value ?? '').includes('.cache'))
      )
        continue;
      if (
        removes(invocations, [
          '/root/.cache/pip',
          '~/.cache/pip',
          '$HOME/.cache/pip',
          '/root/.cache',
          '~/.cache',
        ])
      )
        continue;
      if (
        invocations.some((i) => {
          const pip = pipArgs(i);
          return (
            pip !== undefined &&
            positionals(pip.args)
              .map((a) => a.value)
              .join(' ') === 'cache purge'
          );
        })
      )
        continue;
      const chain = chainOf(doc, stage);
      const setByEnv = settings.some(
        (x) =>
          x.stage !== undefined &&
          chain.includes(x.stage) &&
          (x.stage !== stage ? x.source === 'ENV' : x.start < run.start),
      );
      if (setByEnv) continue;
      for (const inv of invocations) {
        const pip = pipArgs(inv);
        if (pip === undefined) continue;
        const sub = positionals(pip.args, PIP_WITH_VALUE)[0];
        // optparse accepts the unambiguous prefix `--no-cache`.
        if (sub?.value !== 'install' || hasOption(pip.args, ['--no-cache-dir', '--no-cache'])) continue;
        if (inv.assignments.some((a) => a.value.startsWith('PIP_NO_CACHE_DIR='))) continue;
        reportAt(report, doc, stage, wordsSpan(pip.program, sub));
      }
    }
  },
};
