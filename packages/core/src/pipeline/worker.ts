/**
 * Worker-thread entry (loaded by piscina). The engine is created once per thread from workerData,
 * then every task is a batch of files.
 */
import { workerData } from 'node:worker_threads';
import { FileEngine, type EngineInit, type FileTask, type FileTaskResult } from './file-engine.js';

let engine: Promise<FileEngine> | undefined;

export default async function scanBatch(task: FileTask): Promise<FileTaskResult> {
  engine ??= FileEngine.create(workerData as EngineInit);
  return (await engine).scan(task);
}
