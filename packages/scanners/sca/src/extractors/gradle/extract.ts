import { ExtractError, lineAt, type Extraction, type Extractor, type LockPackage } from '../../model.js';
import { children, child, isNode, parseXml, spanOf, text } from '../maven/xml.js';
import { VERIFICATION_ARRAYS, isShippedConfiguration, parseLockLine } from './schema.js';

/**
 * `gradle.lockfile` and `buildscript-gradle.lockfile`. Lines that are not `group:artifact:version`
 * are skipped, as Gradle itself does. Scope comes from the configurations: a module on a main compile or
 * runtime classpath is `prod`, one only on test, annotation-processor or tool configurations (or in the
 * buildscript lockfile) is `dev`.
 */
export const lockExtractor: Extractor = {
  id: 'gradle',
  ecosystem: 'Maven',
  files: ['gradle.lockfile', 'buildscript-gradle.lockfile'],
  extract({ path, text: source }) {
    const buildscript = /(^|\/)buildscript-gradle\.lockfile$/.test(path);
    const packages = new Map<string, LockPackage>();
    let offset = 0;
    for (const line of source.split('\n')) {
      const start = offset;
      offset += line.length + 1;
      const parsed = parseLockLine(line);
      if (!parsed) continue;
      const name = `${parsed.group}:${parsed.artifact}`;
      const id = `${name}@${parsed.version}`;
      if (packages.has(id)) continue;
      const scope = buildscript
        ? 'dev'
        : parsed.configurations === undefined
          ? undefined
          : parsed.configurations.some(isShippedConfiguration)
            ? 'prod'
            : 'dev';
      packages.set(id, {
        id,
        name,
        version: parsed.version,
        ecosystem: 'Maven',
        depGroups: [],
        ...(scope && { scope }),
        start,
        end: start + line.replace(/\r$/, '').length,
      });
    }
    return { packages: [...packages.values()].sort(byId) };
  },
};

/** `gradle/verification-metadata.xml`: every module version Gradle verified, with no graph. */
export const verificationExtractor: Extractor = {
  id: 'gradle-verification-metadata',
  ecosystem: 'Maven',
  files: ['gradle/verification-metadata.xml'],
  extract({ text: source }): Extraction {
    const document = parseXml(source, 'verification-metadata.xml', {
      arrays: VERIFICATION_ARRAYS,
      attributes: true,
    });
    const rootName = Object.keys(document)[0];
    if (rootName !== 'verification-metadata') {
      throw new ExtractError(
        `not a Gradle verification metadata file: the root element is <${rootName ?? ''}>, expected <verification-metadata>`,
      );
    }
    const packages = new Map<string, LockPackage>();
    for (const component of children(child(document['verification-metadata'], 'components'), 'component')) {
      if (!isNode(component)) throw new ExtractError('<component> without group, name and version');
      const span = spanOf(component);
      const group = text(component, 'group')?.trim();
      const name = text(component, 'name')?.trim();
      const version = text(component, 'version')?.trim();
      if (!group || !name || !version) {
        const missing = !group ? 'group' : !name ? 'name' : 'version';
        throw new ExtractError(
          `<component> without ${missing}`,
          span.start === undefined ? undefined : lineAt(source, span.start),
        );
      }
      const id = `${group}:${name}@${version}`;
      if (packages.has(id)) continue;
      packages.set(id, { id, name: `${group}:${name}`, version, ecosystem: 'Maven', depGroups: [], ...span });
    }
    return { packages: [...packages.values()].sort(byId) };
  },
};

function byId(a: LockPackage, b: LockPackage): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
