/**
 * pip requirements files (`requirements.txt`, `requirements-dev.txt`, `dev-requirements.txt`, ...).
 *
 * Every requirement is reported with the version it pins (`==`/`===`), or '' when it does not pin one.
 * `-r`/`-c` files are followed relative to the file that names them (cycles are cut; a missing file is
 * an error); each package's depGroups are the stems of the files that declared it. Requirements are
 * direct, except that pip-compile's `# via` annotations say which ones are transitive and through what:
 * those give `direct: false`, the edges, and the roots.
 */
import { posix } from 'node:path';
import {
  ExtractError,
  type Extraction,
  type Extractor,
  type ExtractInput,
  type LockPackage,
} from '../../model.js';
import { byId, idAllocator, isValidName, normalizeName } from './pep508.js';
import { logicalLines, parseLine } from './schema.js';

/** Nesting depth and file count beyond which `-r` chains are refused (symlink loops and the like). */
const MAX_DEPTH = 32;
const MAX_FILES = 256;

interface Accumulated {
  name: string;
  version: string;
  commit?: string;
  groups: Set<string>;
  /** OR over occurrences that say; undefined when none does (constraint files only). */
  direct?: boolean;
  /** Normalised names of the packages pip-compile says pulled this one in. */
  parents: Set<string>;
  /** Declared in a constraint file / in a requirements file. */
  constrained: boolean;
  requested: boolean;
  start?: number;
  end?: number;
}

interface Occurrence {
  acc: Accumulated;
  constraint: boolean;
  annotated: boolean;
  viaDirect: boolean;
}

interface FileToRead {
  /** Path relative to the root file's folder, as `readRelative` takes it. */
  rel: string;
  text: string;
  constraint: boolean;
  depth: number;
  root: boolean;
}

class Walk {
  readonly packages = new Map<string, Accumulated>();
  readonly visited = new Set<string>();
  annotated = false;

  constructor(private readonly input: ExtractInput) {}

  async read(file: FileToRead): Promise<void> {
    const stem = fileStem(file.rel);
    const visitKey = `${file.constraint ? 'c' : 'r'}:${posix.normalize(file.rel)}`;
    const contentKey = `${file.constraint ? 'c' : 'r'}:${stem}\0${file.text}`;
    if (this.visited.has(visitKey) || this.visited.has(contentKey)) return;
    this.visited.add(visitKey);
    this.visited.add(contentKey);
    if (this.visited.size > 2 * MAX_FILES)
      throw new ExtractError(`more than ${MAX_FILES} requirements files included`);

    let current: Occurrence | undefined;
    let inVia = false;
    const finish = (): void => {
      if (current) this.settle(current);
      current = undefined;
      inVia = false;
    };
    for (const logical of logicalLines(file.text)) {
      const line = file.root ? logical.line : undefined;
      let parsed;
      try {
        parsed = parseLine(logical, line);
      } catch (error) {
        throw file.root || !(error instanceof ExtractError)
          ? error
          : new ExtractError(`${file.rel} line ${logical.line}: ${error.message}`);
      }
      if (parsed.kind === 'comment') {
        if (current && parsed.via) {
          inVia = true;
          for (const item of parsed.via) this.annotate(current, item);
        } else if (current && inVia && parsed.item !== undefined) {
          this.annotate(current, parsed.item);
        } else {
          inVia = false;
        }
        continue;
      }
      finish();
      if (parsed.kind === 'requirement') {
        current = this.add(parsed.name, parsed.version, parsed.commit, stem, file, logical);
        inVia = parsed.via.length > 0;
        for (const item of parsed.via) this.annotate(current, item);
      } else if (parsed.kind === 'include') {
        await this.include(file, parsed.target, parsed.constraint, line);
      }
    }
    finish();
  }

  private add(
    rawName: string,
    version: string,
    commit: string | undefined,
    stem: string,
    file: FileToRead,
    logical: { start: number; end: number },
  ): Occurrence {
    const name = normalizeName(rawName);
    const key = `${name}\0${version}\0${commit ?? ''}`;
    let acc = this.packages.get(key);
    if (!acc) {
      acc = {
        name,
        version,
        ...(commit ? { commit } : {}),
        groups: new Set(),
        parents: new Set(),
        constrained: false,
        requested: false,
      };
      this.packages.set(key, acc);
    }
    acc.groups.add(stem);
    if (file.constraint) acc.constrained = true;
    else acc.requested = true;
    if (file.root && acc.start === undefined) {
      acc.start = logical.start;
      acc.end = logical.end;
    }
    return { acc, constraint: file.constraint, annotated: false, viaDirect: false };
  }

  /**
   * One `# via` item: `-r file` (asked for by an input file), `-c file`, `project (pyproject.toml)`
   * (asked for by the project), or a parent package. Anything else is commentary and says nothing.
   */
  private annotate(occ: Occurrence, item: string): void {
    if (/^(-r|--requirement)\s/.test(item) || /^[A-Za-z0-9][A-Za-z0-9._-]*\s\(/.test(item)) {
      occ.viaDirect = true;
    } else if (/^(-c|--constraint)\s/.test(item)) {
      // a constraint is no reason to install
    } else if (isValidName(item)) {
      occ.acc.parents.add(normalizeName(item));
    } else {
      return;
    }
    this.annotated = true;
    occ.annotated = true;
  }

  /** Fold what this occurrence says about directness into the package, once its annotations are read. */
  private settle(occ: Occurrence): void {
    const says = occ.annotated ? occ.viaDirect : occ.constraint ? undefined : true;
    if (says === true) occ.acc.direct = true;
    else if (says === false && occ.acc.direct === undefined) occ.acc.direct = false;
  }

  private async include(
    from: FileToRead,
    target: string,
    constraint: boolean,
    line: number | undefined,
  ): Promise<void> {
    const readRelative = this.input.readRelative;
    if (!readRelative) return; // nothing to read includes with (e.g. text given without a file tree)
    const normalized = target.replaceAll('\\', '/');
    const rel = normalized.startsWith('/')
      ? normalized
      : posix.normalize(posix.join(posix.dirname(from.rel), normalized));
    const where = from.root ? '' : `${from.rel}: `;
    if (from.depth + 1 > MAX_DEPTH) {
      throw new ExtractError(
        `${where}requirements files nested more than ${MAX_DEPTH} deep at ${target}`,
        line,
      );
    }
    let text: string | undefined;
    try {
      text = await readRelative(rel);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new ExtractError(`${where}${constraint ? '-c' : '-r'} ${target}: cannot read (${why})`, line);
    }
    if (text === undefined) {
      throw new ExtractError(`${where}${constraint ? '-c' : '-r'} ${target}: file not found`, line);
    }
    await this.read({
      rel,
      text,
      constraint: constraint || from.constraint,
      depth: from.depth + 1,
      root: false,
    });
  }

  /**
   * A requirement without a pinned version (`requests>=2.31`) installs the version a constraint file
   * pins for it (`-c constraints.txt` with `requests==2.31.0`): fold the two into one package.
   */
  private applyConstraints(): void {
    const pinnedByConstraint = new Map<string, Accumulated[]>();
    for (const acc of this.packages.values()) {
      if (acc.constrained && acc.version !== '') {
        pinnedByConstraint.set(acc.name, [...(pinnedByConstraint.get(acc.name) ?? []), acc]);
      }
    }
    for (const [key, acc] of this.packages) {
      if (!acc.requested || acc.version !== '' || acc.commit) continue;
      const pins = pinnedByConstraint.get(acc.name) ?? [];
      const target = pins[0];
      if (!target || pins.length !== 1) continue;
      for (const g of acc.groups) target.groups.add(g);
      for (const p of acc.parents) target.parents.add(p);
      target.requested = true;
      if (acc.direct !== undefined) target.direct = acc.direct || target.direct === true;
      if (acc.start !== undefined) {
        target.start = acc.start;
        target.end = acc.end;
      }
      this.packages.delete(key);
    }
  }

  result(): Extraction {
    this.applyConstraints();
    const accs = [...this.packages.values()];
    const ids = new Map<Accumulated, string>();
    const nextId = idAllocator();
    for (const acc of accs) ids.set(acc, nextId(acc.name, acc.version, acc.commit));
    const byName = new Map<string, Accumulated[]>();
    for (const acc of accs) byName.set(acc.name, [...(byName.get(acc.name) ?? []), acc]);
    const children = new Map<Accumulated, Set<string>>();
    for (const acc of accs) {
      for (const parentName of acc.parents) {
        for (const parent of byName.get(parentName) ?? []) {
          if (parent === acc) continue;
          const set = children.get(parent) ?? new Set<string>();
          set.add(ids.get(acc) ?? '');
          children.set(parent, set);
        }
      }
    }
    const packages = accs.map((acc): LockPackage => {
      const deps = children.get(acc);
      return {
        id: ids.get(acc) ?? '',
        name: acc.name,
        version: acc.version,
        ecosystem: 'PyPI',
        depGroups: [...acc.groups].sort(),
        ...(this.annotated ? { dependencies: deps ? [...deps].sort() : [] } : {}),
        ...(acc.direct === undefined ? {} : { direct: acc.direct }),
        ...(acc.commit ? { commit: acc.commit } : {}),
        ...(acc.start === undefined ? {} : { start: acc.start, end: acc.end }),
      };
    });
    packages.sort(byId);
    if (!this.annotated) return { packages };
    return { packages, roots: packages.filter((p) => p.direct === true).map((p) => p.id) };
  }
}

/** `requirements-dev.txt` -> `requirements-dev`. */
function fileStem(path: string): string {
  return posix
    .basename(path)
    .replace(/\.[^.]*$/, '')
    .toLowerCase();
}

async function extract(input: ExtractInput): Promise<Extraction> {
  const walk = new Walk(input);
  const rel = posix.basename(input.path.replaceAll('\\', '/'));
  await walk.read({ rel, text: input.text, constraint: false, depth: 0, root: true });
  return walk.result();
}

export const extractor: Extractor = {
  id: 'pip',
  ecosystem: 'PyPI',
  files: ['requirements*.txt', '*-requirements.txt', '*_requirements.txt', '*.requirements.txt'],
  extract,
};
