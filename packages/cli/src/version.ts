import { readFileSync } from 'node:fs';
import type { ToolInfo } from '@rampart/core';

let cached: ToolInfo | undefined;

/** Defined by scripts/bundle.mjs: the bundled CLI does not sit beside its package.json. */
declare const RAMPART_CLI_VERSION: string | undefined;

/** Name and version of this build, read once from the CLI's package.json. */
export function toolInfo(): ToolInfo {
  cached ??= {
    name: 'rampart',
    version:
      typeof RAMPART_CLI_VERSION === 'string'
        ? RAMPART_CLI_VERSION
        : (
            JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
              version: string;
            }
          ).version,
    informationUri: 'https://github.com/rampart-security/rampart',
  };
  return cached;
}
