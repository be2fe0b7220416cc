// The parse worker's entry (bundled to dist/parseWorker.js): runs the pure whole-file parse for the server's
// ParsePool off its main thread. The result is plain data; it crosses as parseTransfer.ts packs it (JSON for the
// trees when that is exact, structured clone for the rest); the text is not sent back, the server has it.
import { parentPort } from 'node:worker_threads';
import { parseWholeFile } from '../analysis/parse';
import { collectGarbage } from '../collectGarbage';
import type { ParseRequest, ParseResponse } from './parsePool';
import { packParse } from './parseTransfer';

parentPort?.on('message', (request: ParseRequest) => {
  const result = parseWholeFile(request.uri, request.text, request.namespace);
  // The parse's `yaml` documents are garbage: collected now, not during the clone and the server's analysis.
  collectGarbage();
  const response: ParseResponse = { id: request.id, parse: packParse({ ...result, file: { ...result.file, text: '' } }) };
  parentPort?.postMessage(response);
  // The result was copied out: its objects here are garbage too.
  collectGarbage();
});
