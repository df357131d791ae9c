import type { SecretRule } from './secret-rule.js';

/**
 * RULES.md, generated from the rule data so the docs cannot drift from the rules: a table, then a
 * section per rule with what it finds, a bad and a good example (both run by a test) and how to fix.
 */
export function renderRulesDoc(rules: readonly SecretRule[]): string {
  const sorted = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lines = [
    '# Secrets rules',
    '',
    '<!-- Generated from src/rules/ by `UPDATE_SNAPSHOT=1 npx vitest run packages/scanners/secrets/test/rules-doc.test.ts`. Do not edit. -->',
    '',
    `${sorted.length} rules. Every rule is CWE-798 (use of hard-coded credentials). \`rampart explain <rule-id>\` shows the same`,
    'text in the terminal. The examples below are synthetic values in the right format; none was ever valid.',
    '',
    '| Rule | Finds | Severity | Precision |',
    '| --- | --- | --- | --- |',
    ...sorted.map((r) => `| [\`${r.id}\`](#${anchor(r.id)}) | ${r.title} | ${r.severity} | ${r.precision} |`),
    '',
  ];
  for (const rule of sorted) {
    lines.push(
      `### ${rule.id}`,
      '',
      `**${rule.title}** · severity ${rule.severity} · precision ${rule.precision}` +
        (rule.minEntropy === undefined ? '' : ` · minimum entropy ${rule.minEntropy}`) +
        (rule.checksum ? ' · checksum verified' : ''),
      '',
      rule.description,
      '',
      'Bad (reported):',
      '',
      fence(rule.help.bad),
      '',
      'Good (not reported):',
      '',
      fence(rule.help.good),
      '',
      `Fix: ${rule.help.fix}`,
      '',
      `Keywords: ${rule.keywords.map((k) => `\`${k}\``).join(', ')}`,
      '',
      ...(rule.ignorePaths
        ? [`Not run on files whose path matches \`${rule.ignorePaths.source}\` (source code).`, '']
        : []),
      'References:',
      '',
      ...rule.references.map((url) => `- ${url}`),
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function anchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9 -]/g, '');
}

function fence(code: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const mark = '// rampart-ignore: secrets/* synthetic documentation example';
  const shown = code
    .split('\n')
    .map((line) => (line.endsWith(mark) ? line.slice(0, -mark.length).trimEnd() : line))
    .join('\n');
  return `${ticks}text\n${shown}\n${ticks}`;
}
