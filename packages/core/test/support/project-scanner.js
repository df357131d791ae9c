// A second test scanner with a project pass only (no file scanner), so worker threads do not load it.
/** @type {import('@rampart/core').ScannerDefinition} */
export default {
  id: 'proj',
  title: 'Project-only',
  description: 'Test scanner without a file pass',
  version: '1.0.0',
  rules: [
    {
      id: 'proj/mark',
      title: 'Mark',
      severity: 'low',
      cwe: ['CWE-20'],
      description: 'Mark (test rule).',
      help: { bad: 'MARK', good: 'mark', fix: 'Do not.' },
      references: [],
      aliases: ['proj/old-mark'],
    },
  ],
  files: { include: ['**'] },
  async scanProject(context) {
    for (const path of context.files) {
      const text = await context.readText(path);
      const at = text.indexOf('MARK');
      if (at !== -1)
        context.report(path, text, { ruleId: 'proj/mark', message: 'mark', start: at, end: at + 4 });
    }
  },
};
