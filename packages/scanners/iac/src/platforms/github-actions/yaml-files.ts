/**
 * Reading YAML pipeline files (GitHub Actions, GitLab CI) into platform documents: parse errors become
 * per-file errors with a line, templated files an `info` note, and nothing throws.
 */
import type { IacFileError, SourceText } from '../../check.js';
import { loadYaml, YamlError, type YamlDocument } from '../../yaml/load.js';

/** Files larger than this are skipped with a warning (pipeline files are small; this is a safety net). */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** 1-based line of an offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  const stop = Math.min(offset, text.length);
  for (let i = 0; i < stop; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Whether the text carries template syntax of a preprocessor (`{{ .Values.x }}`, `{% if %}`), as opposed to
 * GitHub's own `${{ ... }}` expressions.
 */
export function hasTemplateSyntax(text: string): boolean {
  for (let i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1)) {
    const next = text[i + 1];
    if (next === '%') return true;
    if (next === '{' && text[i - 1] !== '$' && text[i - 1] !== '{') return true;
  }
  return false;
}

/**
 * What a platform makes of one YAML document: its document, a warning (the file is not what its name
 * says), or undefined (not a file of this platform; skipped silently).
 */
export type BuildResult<Doc> = { doc: Doc } | { warning: string; offset?: number } | undefined;

export function parseYamlFiles<Doc>(
  files: readonly SourceText[],
  build: (file: YamlDocument) => BuildResult<Doc>,
  renderHint: string,
): { docs: Doc[]; errors: IacFileError[] } {
  const docs: Doc[] = [];
  const errors: IacFileError[] = [];
  for (const file of files) {
    if (file.text.length > MAX_FILE_BYTES) {
      errors.push({
        path: file.path,
        message: `File is too large to scan (${file.text.length} bytes, limit ${MAX_FILE_BYTES}); skipped`,
        level: 'warning',
      });
      continue;
    }
    let yamlDocs: YamlDocument[];
    try {
      yamlDocs = loadYaml(file.path, file.text);
    } catch (error) {
      const offset = error instanceof YamlError ? error.offset : undefined;
      const line = offset === undefined ? undefined : lineAt(file.text, offset);
      const reason = error instanceof Error ? error.message : String(error);
      if (hasTemplateSyntax(file.text))
        errors.push({
          path: file.path,
          ...(line !== undefined && { line }),
          message: `File looks like a template ({{ ... }}) and is not valid YAML (${reason}); render it first, e.g. \`${renderHint}\``,
          level: 'info',
        });
      else
        errors.push({
          path: file.path,
          ...(line !== undefined && { line }),
          message: `Invalid YAML: ${reason}`,
          level: 'warning',
        });
      continue;
    }
    for (const yamlDoc of yamlDocs) {
      let result: BuildResult<Doc>;
      try {
        result = build(yamlDoc);
      } catch (error) {
        result = {
          warning: `Could not read the file: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
      if (result === undefined) continue;
      if ('doc' in result) docs.push(result.doc);
      else
        errors.push({
          path: file.path,
          line: lineAt(file.text, result.offset ?? yamlDoc.locate([]).start),
          message: result.warning,
          level: 'warning',
        });
    }
  }
  return { docs, errors };
}
