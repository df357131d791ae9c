/**
 * Ruby: Bundler's `Gemfile.lock` (and `gems.locked`).
 *
 * Every gem under a GEM, GIT, PATH or PLUGIN SOURCE section's `specs:` is reported once per
 * name and version (platform variants of a gem are one package); GIT gems carry the `revision:`
 * commit. Edges come from each spec's dependency lines, roots from the DEPENDENCIES section.
 */
import { ExtractError, type Extraction, type Extractor, type LockPackage } from '../../model.js';
import {
  parseDependencyLine,
  parseOption,
  parseSpecLine,
  SECTION_HEADER,
  SOURCE_SECTIONS,
  type Line,
  type Spec,
} from './schema.js';

export const extractor: Extractor = {
  id: 'bundler',
  ecosystem: 'RubyGems',
  files: ['Gemfile.lock', 'gems.locked'],
  extract: ({ text }) => extractGemfileLock(text),
};

interface Source {
  section: string;
  revision?: string;
  specs: Spec[];
}

export function extractGemfileLock(text: string): Extraction {
  const { sources, dependencies } = parse(text);

  const byId = new Map<string, LockPackage & { edgeNames: Set<string> }>();
  const idsByName = new Map<string, string[]>();
  for (const source of sources) {
    for (const spec of source.specs) {
      const id = `${spec.name}@${spec.version}`;
      let pkg = byId.get(id);
      if (!pkg) {
        pkg = {
          id,
          name: spec.name,
          version: spec.version,
          ecosystem: 'RubyGems',
          depGroups: [],
          ...(source.section === 'GIT' && source.revision ? { commit: source.revision } : {}),
          start: spec.line.start,
          end: spec.end,
          edgeNames: new Set(),
        };
        byId.set(id, pkg);
        idsByName.set(spec.name, [...(idsByName.get(spec.name) ?? []), id]);
      }
      for (const dep of spec.dependencies) pkg.edgeNames.add(dep);
    }
  }

  const resolve = (names: Iterable<string>, self?: string): string[] =>
    [...new Set([...names].flatMap((n) => idsByName.get(n) ?? []))].filter((id) => id !== self).sort();
  const packages = [...byId.values()]
    .map(({ edgeNames, ...pkg }): LockPackage => ({ ...pkg, dependencies: resolve(edgeNames, pkg.id) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { packages, roots: resolve(dependencies) };
}

function parse(text: string): { sources: Source[]; dependencies: string[] } {
  const sources: Source[] = [];
  const dependencies: string[] = [];
  let section: string | undefined;
  let source: Source | undefined;
  let inSpecs = false;
  let spec: Spec | undefined;

  for (const l of lines(text)) {
    if (l.text === '') continue;
    if (/^(<{7}|={7}|>{7})/.test(l.text) && l.indent === 0) {
      throw new ExtractError('unresolved merge conflict in Gemfile.lock', l.line);
    }
    if (l.indent === 0) {
      if (!SECTION_HEADER.test(l.text)) {
        throw new ExtractError(`unexpected line '${l.text}': expected a section header such as GEM`, l.line);
      }
      section = l.text;
      source = (SOURCE_SECTIONS as readonly string[]).includes(section) ? { section, specs: [] } : undefined;
      if (source) sources.push(source);
      inSpecs = false;
      spec = undefined;
      continue;
    }
    if (section === undefined) throw new ExtractError(`'${l.text}' is outside any section`, l.line);

    if (source) {
      if (l.indent === 2) {
        spec = undefined;
        if (l.text === 'specs:') {
          inSpecs = true;
          continue;
        }
        const { key, value } = parseOption(l);
        if (key === 'revision') source.revision = value;
        continue;
      }
      if (!inSpecs) throw new ExtractError(`unexpected '${l.text}' before 'specs:' in ${section}`, l.line);
      if (l.indent === 4) {
        spec = { ...parseSpecLine(l), dependencies: [], line: l, end: l.end };
        source.specs.push(spec);
      } else if (l.indent === 6 && spec) {
        spec.dependencies.push(parseDependencyLine(l, false).name);
        spec.end = l.end;
      } else {
        throw new ExtractError(`unexpected indentation of '${l.text}' in ${section} specs`, l.line);
      }
      continue;
    }

    if (section === 'DEPENDENCIES') {
      if (l.indent !== 2)
        throw new ExtractError(`unexpected indentation of '${l.text}' in DEPENDENCIES`, l.line);
      dependencies.push(parseDependencyLine(l, true).name);
    }
    // PLATFORMS, CHECKSUMS, RUBY VERSION, BUNDLED WITH and sections added by later Bundlers: not read.
  }
  return { sources, dependencies };
}

/** Lines with their indentation (spaces) and trimmed text; CRLF tolerated. */
function* lines(text: string): Generator<Line> {
  let pos = text.startsWith('\uFEFF') ? 1 : 0;
  let line = 0;
  while (pos <= text.length) {
    line++;
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    let end = lineEnd;
    while (end > pos && (text[end - 1] === '\r' || text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
    let start = pos;
    while (start < end && text[start] === ' ') start++;
    if (text[start] === '\t') throw new ExtractError('Gemfile.lock is indented with spaces, not tabs', line);
    yield { line, indent: start - pos, text: text.slice(start, end), start, end };
    pos = lineEnd + 1;
  }
}
