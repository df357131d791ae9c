import type { IacCheck } from '../../../check.js';
import { commandName, logicalLines, splitCommands, stripComment } from '../../github-actions/shell.js';
import { reportAt, scriptNodes, variableEntries, type GitlabDoc } from '../model.js';

/** Variables that turn certificate checks off, with the values that do it. */
const VARIABLES: Record<string, string[]> = {
  GIT_SSL_NO_VERIFY: ['true', '1', 'yes'],
  NODE_TLS_REJECT_UNAUTHORIZED: ['0'],
  PYTHONHTTPSVERIFY: ['0'],
};

/** A command that disables certificate verification: `curl -k`, `wget --no-check-certificate`, `git config http.sslVerify false`. */
function disablesVerification(command: string): boolean {
  const { name, rest } = commandName(command);
  const lower = rest.map((w) => w.toLowerCase().replace(/^["']/, '').replace(/["']$/, ''));
  if (name === 'curl')
    return lower.some((w) => w === '--insecure' || (/^-[a-z]+$/i.test(w) && w.includes('k')));
  if (name === 'wget') return lower.includes('--no-check-certificate');
  if (name === 'git') {
    const at = lower.findIndex((w) => w === 'http.sslverify' || w.startsWith('http.sslverify='));
    if (at >= 0) return lower[at] === 'http.sslverify=false' || lower[at + 1] === 'false';
    return lower.some((w) => w.startsWith('http.sslverify=false'));
  }
  if (name === 'npm' || name === 'yarn' || name === 'pnpm') {
    const at = lower.findIndex((w) => w === 'strict-ssl');
    return at >= 0 && lower[at + 1] === 'false';
  }
  if (name === 'pip' || name === 'pip3') return lower.includes('--trusted-host');
  return false;
}

export const check: IacCheck<GitlabDoc> = {
  meta: {
    id: 'iac/gitlab-tls-verification-disabled',
    title: 'TLS certificate verification disabled in CI',
    severity: 'medium',
    cwe: ['CWE-295'],
    description:
      'Turning off certificate checks (`GIT_SSL_NO_VERIFY`, `NODE_TLS_REJECT_UNAUTHORIZED: "0"`, `curl -k`, `git config http.sslVerify ' +
      'false`) lets anyone on the network path between the runner and the server impersonate the server: fetched code, packages and ' +
      'artifacts can be swapped, and credentials sent to it captured.',
    help: {
      bad: ['variables:', '  GIT_SSL_NO_VERIFY: "true"', '', 'build:', '  script:', '    - make', ''].join(
        '\n',
      ),
      good: [
        'variables:',
        '  CA_BUNDLE: /etc/ssl/certs/internal-ca.pem',
        '',
        'build:',
        '  script:',
        '    - make',
        '',
      ].join('\n'),
      fix: 'Install the internal CA certificate on the runner or in the image (or point `SSL_CERT_FILE` / `NODE_EXTRA_CA_CERTS` at it) instead of disabling verification.',
    },
    references: [
      'https://docs.gitlab.com/runner/configuration/tls-self-signed.html',
      'https://cwe.mitre.org/data/definitions/295.html',
    ],
    tags: ['gitlab-ci', 'owasp:A07:2021'],
    precision: 'high',
    platform: 'gitlab-ci',
  },
  check(doc, report) {
    for (const entry of variableEntries(doc)) {
      const values = VARIABLES[entry.name.toUpperCase()];
      if (!values) continue;
      const value =
        typeof entry.value === 'string' || typeof entry.value === 'boolean' || typeof entry.value === 'number'
          ? String(entry.value).trim().toLowerCase()
          : undefined;
      if (value !== undefined && values.includes(value))
        reportAt(doc, report, entry.path, {
          resource: entry.resource,
          message: `\`${entry.name}\` disables TLS certificate verification`,
        });
    }
    for (const node of scriptNodes(doc))
      for (const line of logicalLines(doc.file, node.path))
        if (splitCommands(stripComment(line.text)).some((c) => disablesVerification(c.text)))
          report({
            path: doc.path,
            start: line.start,
            end: line.lines[0]?.end ?? line.end,
            resource: node.resource,
          });
  },
};
