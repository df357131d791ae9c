import type { IacCheck } from '../../../check.js';
import type { DockerDocument, DockerStage } from '../model.js';
import { COMPONENTS, dockerRule } from '../meta.js';
import {
  basename,
  chainOf,
  copySources,
  globMatch,
  hasOption,
  positionals,
  reportAt,
  runs,
  wordsSpan,
} from '../query.js';

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json'];

/** Whether the stage (or a stage it builds on) copies an npm lockfile before `at`. */
function copiesLockfile(doc: DockerDocument, stage: DockerStage, at: number): boolean {
  for (const s of chainOf(doc, stage))
    for (const instruction of s.instructions) {
      if (s === stage && instruction.start >= at) break;
      if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
      for (const source of copySources(instruction)) {
        const name = basename(source.value);
        if (LOCKFILES.some((l) => globMatch(name, l))) return true;
      }
    }
  return false;
}

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-npm-install-not-ci',
    title: 'npm install used instead of npm ci',
    severity: 'low',
    cwe: ['CWE-1357'],
    description:
      '`npm install` may resolve newer versions than the lockfile and rewrite it, so the image can contain dependencies nobody reviewed. `npm ci` installs exactly what package-lock.json lists and fails if it does not match package.json. Reported only when a lockfile is copied into the stage.',
    help: {
      bad: 'FROM node:20.18-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm install\n',
      good: 'FROM node:20.18-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\n',
      fix: 'Use `npm ci` (with `--omit=dev` for production images).',
    },
    references: ['https://docs.npmjs.com/cli/commands/npm-ci'],
    tags: [COMPONENTS],
    precision: 'high',
  }),
  check(doc, report) {
    for (const { run, stage, invocations } of runs(doc)) {
      for (const inv of invocations) {
        if (inv.name !== 'npm') continue;
        const [sub, ...packages] = positionals(inv.args, [
          '--prefix',
          '-C',
          '--workspace',
          '-w',
          '--registry',
          '--cache',
          '--userconfig',
        ]);
        if (
          sub === undefined ||
          !['install', 'i', 'in', 'isntall'].includes(sub.value) ||
          packages.length > 0
        )
          continue;
        if (hasOption(inv.args, ['--global'], 'g') || !copiesLockfile(doc, stage, run.start)) continue;
        reportAt(report, doc, stage, wordsSpan(inv.program, sub));
      }
    }
  },
};
