import type { IacCheck } from '../../../check.js';
import type { DockerDocument, ShellWord } from '../model.js';
import { BEST_PRACTICES, dockerRule, MISCONFIGURATION } from '../meta.js';
import { optionValues, reportAt, runs, subcommand, wordsSpan } from '../query.js';
import { invocation, type Invocation } from '../shell.js';

/** apt-get / apt options that take the next word as their value. */
export const APT_WITH_VALUE = [
  '-o --option -c --config-file -t --target-release --default-release -a --host-architecture',
]
  .join(' ')
  .split(' ');
/** Subcommands that install, upgrade or remove packages (and ask for confirmation). */
export const APT_CHANGES = [
  'install upgrade dist-upgrade full-upgrade remove purge autoremove build-dep reinstall',
]
  .join(' ')
  .split(' ');

/** Whether an apt `-o Name=value` option sets `name` (case-insensitive) to a true value. */
export function aptOption(inv: Invocation, name: string): ShellWord | undefined {
  return optionValues(inv.args, ['-o', '--option']).find((w) => {
    const v = w.value.replace(/^--option=/, '');
    const eq = v.indexOf('=');
    return eq > 0 && v.slice(0, eq).toLowerCase() === name.toLowerCase();
  });
}

function optionValue(word: ShellWord): string {
  const v = word.value.replace(/^--option=/, '');
  return v.slice(v.indexOf('=') + 1).toLowerCase();
}

export function isTrue(value: string): boolean {
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

export function isFalse(value: string): boolean {
  return ['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}

function assumesYes(inv: Invocation): boolean {
  let quiet = 0;
  for (const arg of inv.args) {
    const v = arg.value;
    if (v === '--yes' || v === '--assume-yes' || v.startsWith('--yes=') || v.startsWith('--assume-yes='))
      return true;
    if (v === '-q=2' || v === '--quiet=2') return true;
    if (v.startsWith('-') && !v.startsWith('--')) {
      if (v.includes('y')) return true;
      for (const c of v.slice(1)) if (c === 'q') quiet++;
    }
  }
  if (quiet >= 2) return true;
  const option = aptOption(inv, 'APT::Get::Assume-Yes');
  return option !== undefined && isTrue(optionValue(option));
}

/**
 * Whether the Dockerfile writes an APT configuration mentioning `key` (lower-case), e.g.
 * `echo 'APT::Install-Recommends "0";' > /etc/apt/apt.conf.d/...` or a heredoc with it.
 */
export function aptConfigured(doc: DockerDocument, key: string): boolean {
  for (const instruction of doc.instructions) {
    if (instruction.heredocs.some((h) => h.body.text.toLowerCase().includes(key))) return true;
    for (const command of instruction.commands) {
      const name = invocation(command)?.name;
      if (name === 'apt-get' || name === 'apt') continue;
      if (command.words.some((w) => w.value.toLowerCase().includes(key))) return true;
    }
  }
  return false;
}

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-apt-missing-yes',
    title: 'apt-get install without -y',
    severity: 'low',
    cwe: ['CWE-710'],
    description:
      'Without `-y`, apt-get asks for confirmation; a build has no terminal, so apt-get aborts and the build fails (or, with a prompt answered by accident, behaves differently from what was reviewed).',
    help: {
      bad: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
      good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
      fix: 'Add `-y` (`--yes`) to apt-get install, upgrade and remove commands.',
    },
    references: [`${BEST_PRACTICES}#apt-get`, 'https://manpages.debian.org/stable/apt/apt-get.8.en.html'],
    tags: [MISCONFIGURATION],
    precision: 'high',
  }),
  check(doc, report) {
    // A configuration file written by the Dockerfile may set Assume-Yes for every later call.
    if (aptConfigured(doc, 'assume-yes')) return;
    for (const { run, stage, invocations } of runs(doc)) {
      for (const inv of invocations) {
        if (inv.name !== 'apt-get' && inv.name !== 'apt') continue;
        const sub = subcommand(inv, APT_WITH_VALUE);
        if (sub === undefined || !APT_CHANGES.includes(sub.value) || assumesYes(inv)) continue;
        // `yes | apt-get install ...`
        const index = run.commands.indexOf(inv.command);
        const previous = index > 0 ? run.commands[index - 1] : undefined;
        if (inv.command.before === '|' && previous !== undefined && previous.words[0]?.value === 'yes')
          continue;
        reportAt(report, doc, stage, wordsSpan(inv.program, sub));
      }
    }
  },
};
