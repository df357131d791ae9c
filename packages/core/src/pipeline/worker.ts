/**
 * Worker-thread entry (loaded by piscina). The engine is created once per thread from workerData,
 * then every task is a batch of files. Errors cross the thread boundary as plain Errors (a typed
 * error's extra fields would not survive the copy), so the main thread always gets a message.
 */
import { workerData } from 'node:worker_threads';
import { FileEngine, type EngineInit, type FileTask, type FileTaskResult } from './file-engine.js';

let engine: Promise<FileEngine> | undefined;

export default async function scanBatch(task: FileTask): Promise<FileTaskResult> {
  try {
    engine ??= FileEngine.create(workerData as EngineInit);
    return await (await engine).scan(task);
  } catch (error) {
    throw new Error(error instanceof Error ? error.message : String(error), { cause: error });
  }
}
