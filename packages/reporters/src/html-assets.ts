/**
 * The stylesheet and script the HTML report inlines. Kept apart from `html.ts` so that the page
 * structure reads on its own. The script is plain browser JavaScript (no build step, no imports);
 * it reads the data block and builds every data-bearing node with text nodes, never with markup.
 */

export const REPORT_STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #fff; --line: #d1d9e0; --soft: #f6f8fa;
  --critical: #a40e26; --high: #d1242f; --medium: #9a6700; --low: #0969da; --info: #59636e; --pass: #1a7f37; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --line: #3d444d;
  --soft: #151b23; --critical: #ff7b72; --high: #f85149; --medium: #d29922; --low: #4493f8; --info: #9198a1; --pass: #3fb950; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 80rem; padding: 1.5rem; font: 14px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; } h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; } h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
code, pre { font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
.verdict { display: inline-block; padding: 0 .6rem; border-radius: 1rem; color: #fff; font-size: .9rem; vertical-align: middle; }
.verdict.pass { background: var(--pass); } .verdict.fail { background: var(--high); }
.muted { color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; padding: 0; margin: 1rem 0; }
.cards li { border: 1px solid var(--line); border-radius: 6px; padding: .4rem .9rem; min-width: 7rem; }
.cards strong { display: block; font-size: 1.4rem; }
.sev { font-weight: 600; text-transform: uppercase; font-size: .75rem; }
.sev-critical { color: var(--critical); } .sev-high { color: var(--high); } .sev-medium { color: var(--medium); }
.sev-low { color: var(--low); } .sev-info { color: var(--info); }
form { display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; align-items: center; padding: .75rem; background: var(--soft); border: 1px solid var(--line); border-radius: 6px; }
fieldset { border: 0; padding: 0; margin: 0; display: flex; gap: .5rem; flex-wrap: wrap; }
input[type=search] { min-width: 16rem; }
input, select { font: inherit; }
table { width: 100%; border-collapse: collapse; margin-top: .75rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
th { font-size: .8rem; color: var(--muted); }
td.message { overflow-wrap: anywhere; }
tr.suppressed > td { opacity: .65; }
tr.detail > td { background: var(--soft); padding: .5rem 1rem 1rem; }
button.toggle { font: inherit; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0; } dt { color: var(--muted); } dd { margin: 0; overflow-wrap: anywhere; }
`;

export const REPORT_SCRIPT = `
(() => {
  'use strict';
  const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
  const data = JSON.parse(document.getElementById('rampart-data').textContent);
  const rules = new Map(data.rules.map((rule) => [rule.id, rule]));
  const rank = (finding) => SEVERITIES.indexOf(finding.severity);
  const rows = data.findings
    .map((finding) => ({ finding, status: 'open' }))
    .concat(data.suppressed.map((finding) => ({ finding, status: 'suppressed' })))
    .map((row, index) => Object.assign(row, { index }))
    .sort((a, b) => rank(a.finding) - rank(b.finding) || a.index - b.index);

  // Every string goes in as a text node, so no finding can ever become markup.
  function h(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // Only web links become anchors: a javascript: or data: URL in the data stays inert text.
  function link(url) {
    return /^https?:\\/\\//i.test(url) ? h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, url) : h('span', {}, url);
  }

  const position = (location) => location.path + ':' + location.startLine + ':' + location.startColumn;

  function fields(pairs) {
    const items = pairs.filter((pair) => pair[1] !== undefined && pair[1] !== '' && !(Array.isArray(pair[1]) && pair[1].length === 0));
    return items.length === 0 ? null : h('dl', {}, items.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
  }

  function detailsOf(details) {
    if (!details) return null;
    switch (details.kind) {
      case 'dependency':
        return fields([
          ['Package', details.packageName + '@' + details.version + ' (' + details.ecosystem + ')'],
          ['Package URL', details.purl],
          ['Advisories', details.advisoryIds.concat(details.aliases).join(', ')],
          ['Fixed in', details.fixedVersions.join(', ')],
          ['Scope', details.scope],
          ['Direct', details.direct === undefined ? undefined : String(details.direct)],
          ['Paths', details.dependencyPaths.map((path) => h('div', {}, path.join(' > ')))],
        ]);
      case 'secret':
        return fields([
          ['Secret', details.secretType],
          ['Masked', h('code', {}, details.masked)],
          ['Entropy', details.entropy === undefined ? undefined : details.entropy.toFixed(2)],
          ['Commit', details.commit],
        ]);
      case 'config':
        return fields([['Platform', details.platform], ['Resource', details.resource]]);
      case 'code':
        return fields([['Language', details.language]]);
      default:
        return null;
    }
  }

  function section(title, ...content) {
    return content.some((part) => part) ? [h('h3', {}, title), content] : [];
  }

  function detailOf(row) {
    const finding = row.finding;
    const rule = rules.get(finding.ruleId);
    const suppression = finding.suppression;
    const fix = finding.fix;
    return [
      section('Snippet', finding.location.snippet !== undefined && h('pre', {}, finding.location.snippet)),
      section('Trace', finding.trace && h('ol', {}, finding.trace.map((step) => h('li', {}, h('code', {}, position(step.location)), ' ', step.message)))),
      section('Fix', fix && h('p', {}, fix.description), fix && fix.replacements && h('ul', {}, fix.replacements.map((r) =>
        h('li', {}, h('code', {}, position(r.location)), ' replace with ', h('code', {}, r.text))))),
      section('Details', detailsOf(finding.details)),
      section('Suppression', suppression && fields([
        ['Kind', suppression.kind], ['Reason', suppression.reason], ['Owner', suppression.owner],
        ['Expires', suppression.expires], ['Declared at', suppression.source],
      ])),
      section('Finding', fields([
        ['CWE', finding.cwe.join(', ')], ['Scanner', finding.scanner], ['Fingerprint', h('code', {}, finding.fingerprint)],
      ])),
      section(rule ? 'Rule: ' + rule.title : 'Rule',
        rule && h('p', {}, rule.description),
        rule && [h('p', { class: 'muted' }, 'Flagged:'), h('pre', {}, rule.help.bad), h('p', { class: 'muted' }, 'Safe:'), h('pre', {}, rule.help.good)],
        rule && h('p', {}, 'How to fix: ' + rule.help.fix),
        rule && rule.references.length > 0 && h('ul', {}, rule.references.map((url) => h('li', {}, link(url))))),
    ];
  }

  const tbody = document.getElementById('finding-rows');
  const built = rows.map((row) => {
    const finding = row.finding;
    const toggle = h('button', { type: 'button', class: 'toggle', 'aria-expanded': 'false' }, '\\u25b8 ', h('span', { class: 'sev sev-' + finding.severity }, finding.severity));
    const main = h('tr', { class: row.status },
      h('td', {}, toggle),
      h('td', {}, h('code', {}, finding.ruleId)),
      h('td', {}, h('code', {}, position(finding.location))),
      h('td', { class: 'message' }, finding.message, row.status === 'suppressed' ? h('span', { class: 'muted' }, ' (suppressed: ' + finding.suppression.kind + ')') : null),
      h('td', {}, finding.scanner));
    const detail = h('tr', { class: 'detail' });
    detail.hidden = true;
    toggle.addEventListener('click', () => {
      if (!detail.firstChild) detail.append(h('td', { colspan: '5' }, detailOf(row)));
      detail.hidden = !detail.hidden;
      toggle.setAttribute('aria-expanded', String(!detail.hidden));
      toggle.firstChild.textContent = detail.hidden ? '\\u25b8 ' : '\\u25be ';
    });
    tbody.append(main, detail);
    const text = [finding.message, finding.ruleId, finding.location.path, finding.location.snippet || '', finding.scanner, finding.cwe.join(' ')];
    return { row, main, detail, text: text.join('\\n').toLowerCase() };
  });

  const form = document.getElementById('filters');
  const control = (name) => form.elements.namedItem(name);
  function fillOptions(name, values) {
    for (const value of [...new Set(values)].sort()) control(name).append(h('option', { value }, value));
  }
  fillOptions('scanner', rows.map((row) => row.finding.scanner));
  fillOptions('rule', rows.map((row) => row.finding.ruleId));

  function applyFilters() {
    const severities = new Set([...form.querySelectorAll('input[name=severity]:checked')].map((box) => box.value));
    const status = control('status').value;
    const scanner = control('scanner').value;
    const rule = control('rule').value;
    const query = control('q').value.trim().toLowerCase();
    let shown = 0;
    for (const entry of built) {
      const finding = entry.row.finding;
      const visible = severities.has(finding.severity) &&
        (status === 'all' || entry.row.status === status) &&
        (scanner === '' || finding.scanner === scanner) &&
        (rule === '' || finding.ruleId === rule) &&
        (query === '' || entry.text.includes(query));
      entry.main.hidden = !visible;
      if (!visible) entry.detail.hidden = true;
      else if (entry.main.querySelector('[aria-expanded=true]')) entry.detail.hidden = false;
      if (visible) shown += 1;
    }
    document.getElementById('shown').textContent = 'Showing ' + shown + ' of ' + built.length + ' findings';
    document.getElementById('no-match').hidden = shown > 0;
  }
  form.addEventListener('input', applyFilters);
  form.addEventListener('submit', (event) => event.preventDefault());
  applyFilters();
})();
`;
