/**
 * The Dockerfile document model that checks read. `parse.ts` builds it with `dockerfile-ast` (instruction
 * boundaries, parser directives, heredocs, ENV/ARG/LABEL properties) and its own passes for the rest (joined
 * arguments with an offset map, flags, exec-form JSON, FROM images, the shell commands of RUN).
 *
 * Every position is an offset into the file's text (end exclusive).
 */

/** A piece of text whose characters each map back to an offset in the file. */
export interface MappedText {
  text: string;
  /** `map[i]` is the file offset of `text[i]`; `map[text.length]` is the offset just after the last one. */
  map: number[];
}

/** A parser directive (`# syntax=...`, `# escape=...`). */
export interface DockerDirective {
  name: string;
  value: string;
  start: number;
  end: number;
}

/** One word of an instruction's arguments (split on whitespace, or an exec-form JSON string). */
export interface DockerWord {
  /** The value: quotes removed for JSON strings; as written otherwise. */
  value: string;
  start: number;
  end: number;
}

/** A `--name=value` flag of FROM, RUN, COPY, ADD or HEALTHCHECK. */
export interface DockerFlag {
  name: string;
  /** `null` for a bare `--name`. */
  value: string | null;
  start: number;
  end: number;
}

/** A here-document (`RUN <<EOF ... EOF`, `COPY <<EOF /dest ... EOF`). */
export interface DockerHeredoc {
  name: string;
  /** Whether tabs are stripped (`<<-EOF`). */
  stripTabs: boolean;
  /** The body, mapped to the file. */
  body: MappedText;
  /** Whether the closing delimiter was found. */
  terminated: boolean;
}

/** A `name=value` of ENV, ARG or LABEL. */
export interface DockerProperty {
  name: string;
  /** The value with quotes and escapes removed; `null` when there is none (`ARG NAME`). */
  value: string | null;
  /** The value as written (with quotes). */
  rawValue: string | null;
  /** The whole `name=value` (or `name`) span. */
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
}

/** A word of a shell command, after quote removal. */
export interface ShellWord {
  /** Quotes removed and escapes applied; parameter expansions and command substitutions kept as written. */
  value: string;
  /** File offsets of each character of `value` (plus one past the end). */
  map: number[];
  start: number;
  end: number;
  /** Whether the word holds an unquoted or double-quoted expansion (`$X`, `${X}`, `$(...)`, backquotes). */
  expansion: boolean;
  /** Whether any part of the word was quoted. */
  quoted: boolean;
}

/** A simple shell command: `NAME=value ... word word ...`. */
export interface ShellCommand {
  /** Leading `NAME=value` assignments. */
  assignments: ShellWord[];
  /** The command name and its arguments (redirections removed; `!`, `{`, `then`, `do` ... prefixes removed). */
  words: ShellWord[];
  /** The operator before this command (`&&`, `||`, `;`, `|`, `&`, newline as `;`), `null` at the start. */
  before: string | null;
  /** The operator after this command, `null` at the end. */
  after: string | null;
  /** Nesting level: 0 for the RUN's own script, 1 for a `sh -c '...'` script inside it, and so on. */
  depth: number;
}

export interface DockerInstruction {
  /** Upper-case keyword (`RUN`, `FROM`, ...); unknown keywords are kept as written, upper-cased. */
  keyword: string;
  /** Whether the keyword is a Dockerfile instruction. */
  known: boolean;
  /** The whole instruction, including continuation lines and heredoc bodies. */
  start: number;
  end: number;
  keywordEnd: number;
  /** 1-based line of the keyword. */
  line: number;
  /**
   * The arguments after the keyword, continuation lines joined, comment lines inside them dropped. For
   * instructions with heredocs: the part before the first heredoc body.
   */
  args: MappedText;
  /** Leading `--flags` (FROM, RUN, COPY, ADD, HEALTHCHECK only). */
  flags: DockerFlag[];
  /** The arguments after the flags, as words (exec-form: the JSON strings). */
  words: DockerWord[];
  /** The arguments after the flags, as mapped text. */
  rest: MappedText;
  /** Whether the arguments are a JSON array (exec form). */
  json: boolean;
  heredocs: DockerHeredoc[];
  /** ENV, ARG and LABEL properties. */
  properties: DockerProperty[];
  /** Index of the stage, -1 for instructions before the first FROM. */
  stage: number;
  /** RUN only (POSIX shells only): the simple commands of the script, including nested `sh -c` scripts. */
  commands: ShellCommand[];
}

/** An image reference `[registry/]name[:tag][@digest]`. */
export interface ImageRef {
  /** The full reference as resolved. */
  ref: string;
  /** Registry host, when the first path component looks like one. */
  registry?: string;
  /** The repository path (without registry, tag and digest), lower-cased. */
  name: string;
  tag?: string;
  digest?: string;
}

export interface DockerStage {
  index: number;
  from: DockerInstruction;
  /** The image as written (may hold `${VAR}`). */
  image: string;
  imageStart: number;
  imageEnd: number;
  /**
   * The image with global ARG defaults substituted; `undefined` when a variable has no default or the
   * reference is templated.
   */
  resolved?: ImageRef;
  alias?: string;
  aliasStart?: number;
  aliasEnd?: number;
  platform?: string;
  /** Index of the earlier stage this one builds on (`FROM <alias>`), if any. */
  parent?: number;
  /** Whether the base is `scratch`. */
  scratch: boolean;
  /** Instructions of the stage, FROM first. */
  instructions: DockerInstruction[];
  /** Whether the stage's SHELL is a POSIX shell (RUN commands were analysed). */
  posixShell: boolean;
  /** The last USER instruction of the stage itself (not inherited), if any. */
  user?: DockerInstruction;
}

export interface DockerDocument {
  path: string;
  text: string;
  directives: DockerDirective[];
  escape: string;
  /** All instructions in order, including those before the first FROM. */
  instructions: DockerInstruction[];
  /** Instructions before the first FROM (global ARGs). */
  globals: DockerInstruction[];
  stages: DockerStage[];
  /** The last stage: the image that `docker build` produces without `--target`. */
  final?: DockerStage;
}
