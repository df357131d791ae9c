/**
 * Finds and parses Kubernetes manifests: YAML files with top-level `apiVersion:` and `kind:`, one or more
 * documents each, `List` kinds flattened into their items. Helm templates (`templates/*.yaml` with `{{ }}`)
 * are not parsed: they get an info-level error asking to render them first.
 */
import { posix } from 'node:path';
import type { IacFileError, SourceText } from '../../check.js';
import { asArray, asRecord, loadYaml, YamlError, type YamlDocument } from '../../yaml/load.js';
import { podOf, type K8sManifests, type K8sObject, type YamlPath } from './model.js';

/** Larger files are skipped with a warning (generated bundles of this size are not reviewed by hand). */
export const MAX_MANIFEST_BYTES = 10 * 1024 * 1024;

const TEMPLATE_HINT =
  'render it first, e.g. `helm template <chart> | rampart scan --stdin --type k8s` or `kustomize build <dir> | rampart scan --stdin --type k8s`';

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function hasTopLevelKey(text: string, key: string): boolean {
  return text.startsWith(`${key}:`) || text.includes(`\n${key}:`);
}

/** Whether the path is inside a Helm chart's `templates/` folder. */
function inTemplatesFolder(path: string): boolean {
  return path.startsWith('templates/') || path.includes('/templates/');
}

/** Kubernetes manifests: `*.yaml` / `*.yml` with top-level `apiVersion:` and `kind:` (not CI or compose files). */
export function matchesManifest(path: string, text: string): boolean {
  const lower = path.toLowerCase();
  if (!lower.endsWith('.yaml') && !lower.endsWith('.yml')) return false;
  const base = baseName(lower);
  if (lower.includes('.github/workflows/') || base === '.gitlab-ci.yml' || base === '.gitlab-ci.yaml')
    return false;
  if (base.startsWith('docker-compose') || base === 'compose.yml' || base === 'compose.yaml') return false;
  return hasTopLevelKey(text, 'apiVersion') && hasTopLevelKey(text, 'kind');
}

export function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function templateError(file: SourceText): IacFileError {
  return {
    path: file.path,
    line: lineAt(file.text, file.text.indexOf('{{')),
    level: 'info',
    message: `Skipped: this is a template with \`{{ }}\` placeholders, not a manifest; ${TEMPLATE_HINT}.`,
  };
}

function objectOf(doc: YamlDocument, value: Record<string, unknown>, path: YamlPath): K8sObject | undefined {
  const kind = value.kind;
  const apiVersion = value.apiVersion;
  if (typeof kind !== 'string' || typeof apiVersion !== 'string' || kind === '') return undefined;
  const metadata = asRecord(value.metadata);
  const name =
    typeof metadata?.name === 'string'
      ? metadata.name
      : typeof metadata?.generateName === 'string'
        ? metadata.generateName
        : '';
  const namespace =
    typeof metadata?.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
  return {
    kind,
    apiVersion,
    name,
    namespace,
    doc,
    path,
    value,
    pod: podOf(kind, value, path),
    resource: `${kind}/${name || '(unnamed)'}`,
  };
}

/** The resources of one YAML document: the document itself, or the items of a `List`. */
function objectsOf(doc: YamlDocument): K8sObject[] {
  const value = asRecord(doc.value);
  if (!value || typeof value.kind !== 'string') return [];
  const kind = value.kind;
  if (kind.endsWith('List') && Array.isArray(value.items)) {
    const out: K8sObject[] = [];
    asArray(value.items).forEach((item, index) => {
      const record = asRecord(item);
      const obj = record && objectOf(doc, record, ['items', index]);
      if (obj) out.push(obj);
    });
    return out;
  }
  const obj = objectOf(doc, value, []);
  return obj ? [obj] : [];
}

/**
 * Files that a kustomization uses as patches (`patches`, `patchesStrategicMerge`): partial objects that are
 * merged into resources, not resources themselves, so their missing settings mean nothing.
 */
function kustomizePatchFiles(objects: readonly K8sObject[]): Set<string> {
  const out = new Set<string>();
  for (const obj of objects) {
    if (obj.kind !== 'Kustomization') continue;
    const dir = posix.dirname(obj.doc.path);
    const entries = [...asArray(obj.value.patchesStrategicMerge), ...asArray(obj.value.patches)];
    for (const entry of entries) {
      const file = typeof entry === 'string' ? entry : asRecord(entry)?.path;
      if (typeof file === 'string' && !file.includes('\n')) out.add(posix.normalize(posix.join(dir, file)));
    }
  }
  return out;
}

/**
 * Parses every file into one set of resources (document order within a file, files in the given order),
 * leaving out kustomize patch files. Never throws: unreadable files are reported in `errors` and skipped.
 */
export function parseManifests(files: readonly SourceText[]): {
  docs: K8sManifests[];
  errors: IacFileError[];
} {
  const objects: K8sObject[] = [];
  const errors: IacFileError[] = [];
  for (const file of files) {
    if (file.text.length > MAX_MANIFEST_BYTES) {
      errors.push({
        path: file.path,
        level: 'warning',
        message: `Skipped: the file is larger than ${MAX_MANIFEST_BYTES / 1024 / 1024} MB.`,
      });
      continue;
    }
    const templated = file.text.includes('{{');
    if (templated && inTemplatesFolder(file.path)) {
      errors.push(templateError(file));
      continue;
    }
    let docs: YamlDocument[];
    try {
      docs = loadYaml(file.path, file.text);
    } catch (error) {
      if (templated) errors.push(templateError(file));
      else {
        const offset = error instanceof YamlError ? error.offset : undefined;
        errors.push({
          path: file.path,
          ...(offset !== undefined && { line: lineAt(file.text, offset) }),
          level: 'warning',
          message: `Invalid YAML: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
      continue;
    }
    for (const doc of docs) objects.push(...objectsOf(doc));
  }
  const patches = kustomizePatchFiles(objects);
  const resources =
    patches.size === 0 ? objects : objects.filter((obj) => !patches.has(posix.normalize(obj.doc.path)));
  return { docs: [{ objects: resources }], errors };
}
