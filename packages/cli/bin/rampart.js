#!/usr/bin/env node
// The `rampart` binary. Thin on purpose: everything lives in dist/main.js.
import { run } from '../dist/main.js';

process.exitCode = await run(process.argv.slice(2));
