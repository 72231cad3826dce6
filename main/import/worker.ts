/** Worker-thread entry: parses and normalizes record batches for the importer. */
import { parentPort } from 'node:worker_threads';
import { installPhoneRegexCache } from '../phone/regex-hook.ts';
import type { RecordTask } from './records.ts';

installPhoneRegexCache();
const { processRecords } = await import('./records.ts');

parentPort!.on('message', (msg: { id: number; task: RecordTask }) => {
  try {
    parentPort!.postMessage({ id: msg.id, results: processRecords(msg.task) });
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: (err as Error).message });
  }
});
