/** Finds and parses docker-compose files. */
import type { IacFileError, SourceText } from '../../check.js';
import { loadYaml, YamlError, type YamlDocument } from '../../yaml/load.js';
import { lineAt, MAX_MANIFEST_BYTES } from '../kubernetes/parse.js';
import { servicesOf, type ComposeFile } from './model.js';

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function isComposeName(base: string): boolean {
  if (base.startsWith('docker-compose')) return true;
  const next = base.charAt('compose'.length);
  return base.startsWith('compose') && (next === '.' || next === '-' || next === '_');
}

/**
 * Whether the text has a top-level `services:` mapping with an `image:` or `build:` in it (a GitLab CI
 * `services:` list does not count).
 */
function hasServicesMap(text: string): boolean {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith('services:') && line.slice(9).trim() === '');
  if (start === -1) return false;
  let first = true;
  for (const raw of lines.slice(start + 1)) {
    const line = raw.trimEnd();
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (!line.startsWith(' ')) return false; // next top-level key: no image/build seen
    if (first && trimmed.startsWith('- ')) return false;
    first = false;
    if (trimmed.startsWith('image:') || trimmed.startsWith('build:')) return true;
  }
  return false;
}

function hasTopLevelKey(text: string, key: string): boolean {
  return text.startsWith(`${key}:`) || text.includes(`\n${key}:`);
}

/** docker-compose files: by name (`docker-compose*.yml`, `compose*.yaml`), or YAML with a top-level services map. */
export function matchesCompose(path: string, text: string): boolean {
  const lower = path.toLowerCase();
  if (!lower.endsWith('.yaml') && !lower.endsWith('.yml')) return false;
  const base = baseName(lower);
  if (lower.includes('.github/workflows/') || base.startsWith('.gitlab-ci')) return false;
  if (isComposeName(base)) return true;
  if (hasTopLevelKey(text, 'apiVersion') && hasTopLevelKey(text, 'kind')) return false;
  if (hasTopLevelKey(text, 'stages') || hasTopLevelKey(text, 'jobs')) return false;
  return hasServicesMap(text);
}

/** One ComposeFile per file with services; never throws. */
export function parseCompose(files: readonly SourceText[]): { docs: ComposeFile[]; errors: IacFileError[] } {
  const docs: ComposeFile[] = [];
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
    let parsed: YamlDocument[];
    try {
      parsed = loadYaml(file.path, file.text);
    } catch (error) {
      if (file.text.includes('{{'))
        errors.push({
          path: file.path,
          line: lineAt(file.text, file.text.indexOf('{{')),
          level: 'info',
          message:
            'Skipped: this is a template with `{{ }}` placeholders, not a compose file; render it first.',
        });
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
    for (const doc of parsed) {
      const services = servicesOf(doc);
      if (services.length > 0) docs.push({ path: file.path, doc, services });
    }
  }
  return { docs, errors };
}
