/** Options every reporter accepts. Reporters never read the environment, so everything comes in here. */
export interface ReportContext {
  /** Emit ANSI colours. Only the table reporter colours its output. */
  color: boolean;
  /** Markdown: how many findings the "top findings" table lists. Default 10. */
  maxFindings?: number;
  /**
   * Markdown: the longest output, in UTF-16 code units. Default 65,536, GitHub's limit for a comment
   * body (GitHub counts characters; code units are never fewer, so the default stays on the safe side).
   */
  maxLength?: number;
}

/** The context with every default filled in. */
type ResolvedContext = Required<ReportContext>;

export const DEFAULT_CONTEXT: Readonly<ResolvedContext> = Object.freeze({
  color: false,
  maxFindings: 10,
  maxLength: 65_536,
});

export function resolveContext(context: ReportContext = DEFAULT_CONTEXT): ResolvedContext {
  return {
    color: context.color ?? DEFAULT_CONTEXT.color,
    maxFindings: context.maxFindings ?? DEFAULT_CONTEXT.maxFindings,
    maxLength: context.maxLength ?? DEFAULT_CONTEXT.maxLength,
  };
}
