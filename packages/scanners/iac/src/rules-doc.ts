import type { IacRuleMeta } from './check.js';

const PLATFORM_TITLES: Record<string, string> = {
  dockerfile: 'Dockerfile',
  kubernetes: 'Kubernetes',
  compose: 'docker-compose',
  terraform: 'Terraform',
  'github-actions': 'GitHub Actions',
  'gitlab-ci': 'GitLab CI',
};

const PROVIDER_TITLES: Record<string, string> = { aws: 'AWS', gcp: 'GCP', azure: 'Azure' };

/**
 * RULES.md, generated from the checks' metadata so the docs cannot drift from the checks: a table per
 * platform (and Terraform provider), then a section per rule with its bad and good example (both run by the
 * platform tests) and the fix.
 */
export function renderRulesDoc(rules: readonly IacRuleMeta[]): string {
  const sorted = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const groups = new Map<string, IacRuleMeta[]>();
  for (const rule of sorted) {
    const title = `${PLATFORM_TITLES[rule.platform] ?? rule.platform}${
      rule.provider ? ` (${PROVIDER_TITLES[rule.provider] ?? rule.provider})` : ''
    }`;
    if (!groups.has(title)) groups.set(title, []);
    groups.get(title)!.push(rule);
  }
  const order = [...groups.keys()].sort();
  const lines = [
    '# IaC rules',
    '',
    '<!-- Generated from the checks by `UPDATE_SNAPSHOT=1 npx vitest run packages/scanners/iac/test/rules-doc.test.ts`. Do not edit. -->',
    '',
    `${sorted.length} rules. \`rampart explain <rule-id>\` shows the same text in the terminal. Every bad example below is`,
    "reported by its rule and every good one is not: the platform tests run them. The examples' credentials are synthetic.",
    '',
    ...order.map((title) => `- ${title}: ${groups.get(title)!.length} rules`),
    '',
  ];
  for (const title of order) {
    lines.push(`## ${title}`, '', '| Rule | Finds | Severity | CWE |', '| --- | --- | --- | --- |');
    for (const r of groups.get(title)!)
      lines.push(
        `| [\`${r.id}\`](#${anchor(r.id)}) | ${cell(r.title)} | ${r.severity} | ${r.cwe.join(', ')} |`,
      );
    lines.push('');
  }
  lines.push('## Rules', '');
  for (const rule of sorted) {
    lines.push(
      `### ${rule.id}`,
      '',
      `**${rule.title}** · severity ${rule.severity} · ${rule.cwe.join(', ')}`,
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
      ...(rule.references.length > 0
        ? ['References:', '', ...rule.references.map((url) => `- ${url}`), '']
        : []),
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function anchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9 -]/g, '');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function fence(code: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}\n${code.trimEnd()}\n${ticks}`;
}
