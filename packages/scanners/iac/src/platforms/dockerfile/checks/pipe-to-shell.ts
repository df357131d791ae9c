import type { IacCheck } from '../../../check.js';
import type { DockerDocument, ShellWord } from '../model.js';
import { dockerRule, INTEGRITY } from '../meta.js';
import { positionals, reportAt, runs, wordsSpan } from '../query.js';
import { invocation, isShell, type Invocation } from '../shell.js';

const INTERPRETERS = ['python', 'python2', 'python3', 'perl', 'ruby', 'node', 'php'];

function isInterpreter(name: string): boolean {
  return INTERPRETERS.some(
    (i) => name === i || (name.startsWith(i) && /^[0-9.]+$/.test(name.slice(i.length))),
  );
}

/** Whether a command run at the end of a pipe executes what it reads on standard input. */
function runsStdin(inv: Invocation): boolean {
  if (isShell(inv.name))
    return !inv.args.some(
      (a) => a.value.startsWith('-') && !a.value.startsWith('--') && a.value.includes('c'),
    );
  if (isInterpreter(inv.name)) {
    const args = positionals(inv.args);
    return args.length === 0 || args[0]?.value === '-';
  }
  return false;
}

/** Whether wget writes the download to standard output (`-O -`, `-qO-`, `--output-document=-`). */
function wgetToStdout(args: readonly ShellWord[]): boolean {
  for (let k = 0; k < args.length; k++) {
    const v = (args[k] as ShellWord).value;
    if (
      v === '--output-document=-' ||
      v === '-O-' ||
      v === '-O/dev/stdout' ||
      v === '--output-document=/dev/stdout'
    )
      return true;
    if (v.startsWith('-') && !v.startsWith('--') && (v.endsWith('O-') || v.endsWith('O/dev/stdout')))
      return true;
    if (
      (v === '--output-document' || (v.startsWith('-') && !v.startsWith('--') && v.endsWith('O'))) &&
      ['-', '/dev/stdout'].includes(args[k + 1]?.value ?? '')
    )
      return true;
  }
  return false;
}

function downloads(inv: Invocation): boolean {
  return inv.name === 'curl' || (inv.name === 'wget' && wgetToStdout(inv.args));
}

/** A word that runs downloaded code through a substitution: `$(curl ...)`, `<(wget -O- ...)`, backquotes. */
function substitutedDownload(word: ShellWord): boolean {
  const v = word.value;
  for (const open of ['$(', '<(', '`']) {
    let at = v.indexOf(open);
    while (at >= 0) {
      const rest = v.slice(at + open.length).trimStart();
      if (rest.startsWith('curl ') || rest.startsWith('wget ')) return true;
      at = v.indexOf(open, at + 1);
    }
  }
  return false;
}

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-pipe-to-shell',
    title: 'Downloaded script piped into a shell',
    severity: 'high',
    cwe: ['CWE-494', 'CWE-829'],
    description:
      '`curl ... | sh` runs whatever the server returns, with no integrity check, as the build user (usually root). A compromised server, a hijacked domain or a truncated download executes arbitrary code in the build and ships its result.',
    help: {
      bad: 'FROM debian:12\nRUN curl -fsSL https://example.com/install.sh | sh\n',
      good: 'FROM debian:12\nRUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\\n && echo "8a1c9f0e2b7d3c4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e5d6c7b8a  /tmp/install.sh" | sha256sum -c - \\\n && sh /tmp/install.sh\n',
      fix: 'Download to a file, verify its checksum or signature, then run it (or install a packaged, signed version).',
    },
    references: [
      'https://docs.docker.com/build/building/best-practices/#using-pipes',
      'https://cwe.mitre.org/data/definitions/494.html',
    ],
    tags: [INTEGRITY],
    precision: 'high',
  }),
  check(doc, report) {
    for (const { run, stage } of runs(doc)) {
      const commands = run.commands;
      for (let k = 0; k < commands.length; k++) {
        const command = commands[k];
        const inv = command === undefined ? undefined : invocation(command);
        if (command === undefined || inv === undefined) continue;
        if (downloads(inv)) {
          // Follow the pipeline: curl ... | tee x | sh
          for (let j = k; j < commands.length - 1 && commands[j]?.after === '|'; j++) {
            const next = commands[j + 1];
            const target = next === undefined ? undefined : invocation(next);
            if (target !== undefined && runsStdin(target)) {
              reportAt(report, doc, stage, wordsSpan(inv.program, target.program));
              break;
            }
          }
        }
        if (isShell(inv.name) || inv.name === 'eval' || inv.name === 'source' || inv.name === '.') {
          const word = inv.args.find(substitutedDownload);
          if (word !== undefined) reportAt(report, doc, stage, word);
        }
      }
    }
  },
};
