/**
 * The GitLab CI document model: global keywords and jobs (hidden `.templates` included, since their content
 * ends up in the jobs that extend them), with paths into the YAML for exact positions.
 */
import type { IacReport } from '../../check.js';
import { asArray, asRecord, type YamlDocument } from '../../yaml/load.js';
import type { BuildResult } from '../github-actions/yaml-files.js';

export type Path = readonly (string | number)[];

export interface GitlabJob {
  name: string;
  path: Path;
  value: Record<string, unknown>;
  /** Hidden jobs (`.name`) are templates for `extends` and anchors; they never run on their own. */
  hidden: boolean;
  /** `job build`, `template .base`. */
  label: string;
}

export interface GitlabDoc {
  file: YamlDocument;
  path: string;
  root: Record<string, unknown>;
  jobs: GitlabJob[];
}

/** Top-level keys that are not jobs. */
export const GLOBAL_KEYWORDS = new Set([
  'default',
  'include',
  'stages',
  'types',
  'variables',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'spec',
]);

/** Whether a path is a GitLab CI file: `.gitlab-ci.yml`, `*.gitlab-ci.yml`, or a YAML file under `.gitlab/ci/`. */
export function isGitlabCiPath(path: string): boolean {
  const normalized = path.split('\\').join('/');
  const name = normalized.slice(normalized.lastIndexOf('/') + 1);
  if (
    name.endsWith('.gitlab-ci.yml') ||
    name.endsWith('.gitlab-ci.yaml') ||
    name === '.gitlab-ci.yml' ||
    name === '.gitlab-ci.yaml'
  )
    return true;
  const under = normalized.startsWith('.gitlab/ci/') || normalized.includes('/.gitlab/ci/');
  return under && (name.endsWith('.yml') || name.endsWith('.yaml'));
}

export function buildGitlabDoc(file: YamlDocument): BuildResult<GitlabDoc> {
  const root = asRecord(file.value);
  if (!root) return { warning: 'Not a GitLab CI file: the top level is not a mapping' };
  const jobs: GitlabJob[] = [];
  for (const [name, raw] of Object.entries(root)) {
    if (GLOBAL_KEYWORDS.has(name) || name === '<<') continue;
    const value = asRecord(raw);
    if (!value) continue;
    const hidden = name.startsWith('.');
    jobs.push({ name, path: [name], value, hidden, label: hidden ? `template ${name}` : `job ${name}` });
  }
  return { doc: { file, path: file.path, root, jobs } };
}

export function valueAt(root: unknown, path: Path): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (typeof key === 'number') current = Array.isArray(current) ? (current as unknown[])[key] : undefined;
    else current = asRecord(current)?.[key];
    if (current === undefined) return undefined;
  }
  return current;
}

export function reportAt(
  doc: GitlabDoc,
  report: IacReport,
  path: Path,
  details: { key?: boolean; resource?: string; message?: string } = {},
): void {
  const { start, end } = doc.file.locate(path, details.key ? { key: true } : undefined);
  report({
    path: doc.path,
    start,
    end,
    ...(details.resource !== undefined && { resource: details.resource }),
    ...(details.message !== undefined && { message: details.message }),
  });
}

/** Whether the node at `path` is written with a `!reference` tag (its items name other keys, not commands). */
function isReference(doc: GitlabDoc, path: Path): boolean {
  const { start } = doc.file.locate(path);
  const text = doc.file.text;
  return (
    text.startsWith('!reference', start) ||
    text
      .slice(Math.max(0, start - 64), start)
      .trimEnd()
      .endsWith('!reference')
  );
}

/** The script lines (string nodes) of `before_script` / `script` / `after_script` everywhere, with their owner. */
export function scriptNodes(doc: GitlabDoc): { path: Path; resource: string }[] {
  const out: { path: Path; resource: string }[] = [];
  const collect = (path: Path, value: unknown, resource: string): void => {
    if (typeof value === 'string') out.push({ path, resource });
    else if (Array.isArray(value) && !isReference(doc, path))
      value.forEach((item, i) => collect([...path, i], item, resource));
  };
  for (const key of ['before_script', 'after_script']) {
    collect([key], doc.root[key], 'global');
    collect(['default', key], asRecord(doc.root.default)?.[key], 'default');
  }
  for (const job of doc.jobs)
    for (const key of ['before_script', 'script', 'after_script'])
      collect([...job.path, key], job.value[key], job.label);
  return out;
}

/** Every `variables:` block (global and per job) with its entries' value paths. */
export function variableEntries(
  doc: GitlabDoc,
): { name: string; value: unknown; path: Path; resource: string }[] {
  const out: { name: string; value: unknown; path: Path; resource: string }[] = [];
  const collect = (path: Path, resource: string): void => {
    const map = asRecord(valueAt(doc.root, path));
    if (!map) return;
    for (const [name, raw] of Object.entries(map)) {
      if (name === '<<') continue;
      const detailed = asRecord(raw);
      if (detailed) {
        if ('value' in detailed)
          out.push({ name, value: detailed.value, path: [...path, name, 'value'], resource });
      } else out.push({ name, value: raw, path: [...path, name], resource });
    }
  };
  collect(['variables'], 'global');
  for (const job of doc.jobs) collect([...job.path, 'variables'], job.label);
  return out;
}

/** Every `image:` and `services:` entry (global, default, jobs) with the path of the image name. */
export function imageEntries(doc: GitlabDoc): {
  image: string;
  path: Path;
  resource: string;
  service: boolean;
  node: Record<string, unknown> | undefined;
}[] {
  const out: {
    image: string;
    path: Path;
    resource: string;
    service: boolean;
    node: Record<string, unknown> | undefined;
  }[] = [];
  const one = (path: Path, value: unknown, resource: string, service: boolean): void => {
    if (typeof value === 'string') out.push({ image: value, path, resource, service, node: undefined });
    const map = asRecord(value);
    if (map && typeof map.name === 'string')
      out.push({ image: map.name, path: [...path, 'name'], resource, service, node: map });
  };
  const owner = (path: Path, value: unknown, resource: string): void => {
    const map = asRecord(value);
    if (!map) return;
    one([...path, 'image'], map.image, resource, false);
    asArray(map.services).forEach((service, i) => one([...path, 'services', i], service, resource, true));
  };
  owner([], doc.root, 'global');
  owner(['default'], doc.root.default, 'default');
  for (const job of doc.jobs) owner(job.path, job.value, job.label);
  return out;
}
