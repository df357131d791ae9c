// A test scanner that keeps its rule docs apart (ScannerDefinition.ruleDocs): its `rules` have empty
// docs, and `ruleDocs` counts its calls in globalThis.rampartRuleDocsCalls.
const summary = { id: 'docs/loud', title: 'Loud', severity: 'medium', cwe: ['CWE-20'], tags: ['test'] };

/** @type {import('@rampart/core').ScannerDefinition} */
export default {
  id: 'docs',
  title: 'Docs apart',
  description: 'Test scanner whose rule docs load on request',
  version: '1.0.0',
  rules: [{ ...summary, description: '', help: { bad: '', good: '', fix: '' }, references: [] }],
  async ruleDocs() {
    globalThis.rampartRuleDocsCalls = (globalThis.rampartRuleDocsCalls ?? 0) + 1;
    return [
      {
        ...summary,
        description: 'Loud text (test rule).',
        help: { bad: 'LOUD', good: 'loud', fix: 'Speak softly.' },
        references: ['https://example.org/loud'],
      },
    ];
  },
  files: { include: ['**'] },
  async scanProject(context) {
    for (const path of context.files) {
      const text = await context.readText(path);
      const at = text.indexOf('LOUD');
      if (at !== -1)
        context.report(path, text, { ruleId: 'docs/loud', message: 'loud', start: at, end: at + 4 });
    }
  },
};
