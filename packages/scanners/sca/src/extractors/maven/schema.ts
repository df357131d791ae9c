/**
 * The parts of a Maven `pom.xml` the extractor reads:
 *
 * ```xml
 * <project>
 *   <parent><groupId>…</groupId><artifactId>…</artifactId><version>1.2</version></parent>
 *   <groupId>…</groupId><artifactId>…</artifactId><version>${revision}</version>
 *   <properties><revision>1.0</revision><netty.version>4.1.94.Final</netty.version></properties>
 *   <dependencies>
 *     <dependency>
 *       <groupId>io.netty</groupId><artifactId>netty-all</artifactId><version>${netty.version}</version>
 *       <scope>test</scope><optional>true</optional>
 *     </dependency>
 *   </dependencies>
 *   <dependencyManagement><dependencies><dependency>…</dependency></dependencies></dependencyManagement>
 * </project>
 * ```
 *
 * Versions are either soft requirements (`1.0`, what Maven picks absent conflicts), hard requirements
 * (`[1.0]`), or ranges (`[1.0,2.0)`, `(,1.0]`, `[1.0,2.0),[3.0,)`). `${…}` refers to a property or to
 * the model (`project.version`, `project.parent.version`, …).
 */

/** Element names that repeat and always parse as arrays. */
export const ARRAY_ELEMENTS = ['dependency'] as const;

/** Scopes of a dependency (https://maven.apache.org/guides/introduction/introduction-to-dependency-mechanism.html). */
export const RUNTIME_SCOPES: ReadonlySet<string> = new Set(['compile', 'runtime', 'provided', 'system']);

export interface PomDependency {
  groupId: string;
  artifactId: string;
  /** As written, after interpolation; undefined when absent. */
  version?: string;
  scope?: string;
  optional: boolean;
  start?: number;
  end?: number;
}

/** Longest value interpolation may build (guards against properties that double at every level). */
export const MAX_INTERPOLATED_LENGTH = 4096;

/**
 * The version a requirement pins: a soft requirement as written, a hard requirement's value, a range's
 * inclusive lower bound (osv-scanner's reading, the lowest version the range admits); '' when there is
 * none (exclusive or open lower bound, or an unresolved `${…}`).
 */
export function pinnedVersion(requirement: string): string {
  const value = requirement.trim();
  if (value.includes('${')) return '';
  if (value.startsWith('(')) return '';
  if (!value.startsWith('[')) return value;
  const firstBound = value.slice(1).split(',', 1)[0] ?? '';
  return firstBound.replace(/[\])]$/, '').trim();
}
