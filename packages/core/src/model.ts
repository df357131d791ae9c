/**
 * `@rampart/core/model`: the light entry for scanners and reporters. The Finding model, rule metadata, the
 * scanner contract, the result, and the small helpers a scanner may call. It loads no parser or worker
 * pool, so a worker thread or a reporter starts fast.
 */
export * from './finding.js';
export * from './rule.js';
export * from './scanner.js';
export * from './result.js';
export { maskSecret, maskRanges } from './post/mask.js';
export { LineIndex } from './text/line-index.js';
export * from './errors.js';
