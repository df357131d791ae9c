/** Output format ids known to the options table; the CLI checks them against the reporters it has. */
export const FORMAT_IDS_DEFAULT = ['table', 'json', 'sarif', 'markdown', 'junit', 'html'] as const;
