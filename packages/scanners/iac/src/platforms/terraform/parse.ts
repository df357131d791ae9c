/**
 * Reads `.tf` and `.tfvars` files into HCL syntax trees and turns syntax errors into per-file errors with
 * their line (the scan goes on; the rest of a broken file is still used where the parser recovered).
 */
import type { IacFileError, SourceText } from '../../check.js';
import type { Body } from './hcl/ast.js';
import { parseHcl } from './hcl/parser.js';

export interface ParsedFile {
  path: string;
  text: string;
  body: Body;
}

/** Files above this size are skipped with an error (the parser is linear, but such files are not hand-written). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/**
 * Whether a syntax error comes from Go/Helm/Jinja-style template syntax (`{{ ... }}`, `{% ... %}`) on the
 * line of the error, i.e. the file must be rendered before it can be scanned.
 */
function looksTemplated(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd);
  return line.includes('{{') || line.includes('}}') || line.includes('{%') || line.includes('%}');
}

export function parseFiles(files: readonly SourceText[]): { parsed: ParsedFile[]; errors: IacFileError[] } {
  const parsed: ParsedFile[] = [];
  const errors: IacFileError[] = [];
  for (const file of files) {
    if (file.text.length > MAX_FILE_BYTES) {
      errors.push({
        path: file.path,
        message: `file too large to scan (${file.text.length} bytes; the limit is ${MAX_FILE_BYTES})`,
        level: 'warning',
      });
      continue;
    }
    const { body, errors: syntax } = parseHcl(file.text);
    const first = syntax[0];
    if (first && looksTemplated(file.text, first.offset)) {
      errors.push({
        path: file.path,
        line: first.line,
        level: 'info',
        message:
          'this file looks like a template ({{ ... }}), not plain Terraform: render it first and scan the result (e.g. write the rendered files to a folder and run `rampart scan <folder>`)',
      });
    } else {
      for (const error of syntax)
        errors.push({
          path: file.path,
          line: error.line,
          message: `HCL syntax error: ${error.message} (column ${error.column})`,
          level: 'warning',
        });
    }
    parsed.push({ path: file.path, text: file.text, body });
  }
  return { parsed, errors };
}
