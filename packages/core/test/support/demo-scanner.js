// A tiny scanner used by core's tests: it exercises the plug-in contract without depending on a real scanner.
const rule = (id, severity, title) => ({
  id,
  title,
  severity,
  cwe: ['CWE-20'],
  description: `${title} (test rule).`,
  help: { bad: 'danger()', good: 'safe()', fix: 'Do not.' },
  references: [],
});

/** @type {import('@rampart/core').ScannerDefinition} */
export default {
  id: 'demo',
  title: 'Demo',
  description: 'Test scanner',
  version: '1.0.0',
  rules: [
    { ...rule('demo/danger-call', 'high', 'Dangerous call'), aliases: ['demo/old-danger'] },
    rule('demo/token', 'medium', 'Token'),
    rule('demo/note', 'info', 'Note'),
    rule('demo/project-marker', 'low', 'Project marker'),
  ],
  files: { include: ['**'], exclude: ['*.skip'] },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: { 'note-marker': { type: 'string', minLength: 1 } },
  },
  async scanProject(context) {
    for (const path of context.files) {
      const text = await context.readText(path);
      const at = text.indexOf('PROJECT_MARK');
      if (at !== -1)
        context.report(path, text, {
          ruleId: 'demo/project-marker',
          message: 'marker',
          start: at,
          end: at + 12,
        });
    }
    if (context.files.includes('fail-project.txt')) throw new Error('project pass exploded');
  },
  async scanHistory(context) {
    for await (const change of context.changes()) {
      for (const m of change.text.matchAll(/tok_[a-z0-9]{12}/g)) {
        context.report(change, {
          ruleId: 'demo/token',
          message: `token in ${change.commit.slice(0, 7)} by ${change.author}`,
          start: m.index,
          end: m.index + m[0].length,
          secrets: [{ start: m.index + 4, end: m.index + m[0].length }],
        });
      }
    }
  },
  createFileScanner({ options, enabledRules }) {
    const marker = options['note-marker'] ?? 'NOTE:';
    return {
      scanFile(file, report) {
        const { text } = file;
        if (text.includes('THROW_IN_SCANNER')) throw new Error('demo scanner exploded');
        for (let at = text.indexOf('danger('); at !== -1; at = text.indexOf('danger(', at + 1)) {
          report({
            ruleId: 'demo/danger-call',
            message: 'call to danger()',
            start: at,
            end: at + 'danger('.length,
          });
        }
        for (const m of text.matchAll(/tok_[a-z0-9]{12}/g)) {
          const start = m.index;
          report({
            ruleId: 'demo/token',
            message: `token ${m[0]} found`,
            start,
            end: start + m[0].length,
            secrets: [{ start: start + 4, end: start + m[0].length }],
          });
        }
        if (enabledRules.has('demo/note')) {
          for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + 1)) {
            report({ ruleId: 'demo/note', message: 'note', start: at, end: at + marker.length });
          }
        }
      },
    };
  },
};
