// The parse worker's entry (bundled to dist/parseWorker.js): runs the pure whole-file parse for the server's
// ParsePool off its main thread. The result is plain data; it crosses as parseTransfer.ts packs it (JSON for the
// trees when that is exact, structured clone for the rest); the text is not sent back, the server has it.
import { parentPort } from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseWholeFile } from '../analysis/parse';
import type { ParseRequest, ParseResponse } from './parsePool';
import { packParse } from './parseTransfer';

parentPort?.on('message', (request: ParseRequest) => {
  const result = parseWholeFile(request.uri, request.text, request.namespace);
  collectGarbage();
  const response: ParseResponse = { id: request.id, parse: packParse({ ...result, file: { ...result.file, text: '' } }) };
  parentPort?.postMessage(response);
  // The result was copied out: its objects here are garbage too.
  collectGarbage();
});

/**
 * The `yaml` documents of a parse are garbage once it returns, but this thread would collect them only when it
 * allocates again: while the result is cloned and the server analyses it they would count against its peak.
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as (() => void) | undefined)?.();
}
