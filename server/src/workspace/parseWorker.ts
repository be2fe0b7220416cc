// The parse worker's entry (bundled to dist/parseWorker.js): runs the pure parse for the server's ParsePool off its
// main thread. A whole text comes back as one parse; a text cut into parts comes back a part at a time, the worker
// taking parts from the back of the list while the main thread takes them from the front (parseTransfer.ts
// `claimPart`). Results are plain data and cross as parseTransfer.ts packs them; the text is not sent back.
import { parentPort } from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parsePart, parseWholeFile } from '../analysis/parse';
import type { ParseRequest, ParseResponse } from './parsePool';
import { claimPart, packParse, packPart } from './parseTransfer';

const reply = (response: ParseResponse) => parentPort?.postMessage(response);

parentPort?.on('message', (request: ParseRequest) => {
  if (request.kind === 'whole') {
    const result = parseWholeFile(request.uri, request.text, request.namespace);
    collectGarbage();
    reply({ kind: 'whole', id: request.id, parse: packParse({ ...result, file: { ...result.file, text: '' } }) });
  } else {
    const claims = new Int32Array(request.claims);
    for (let k = claimPart(claims, 'back'); k !== undefined; k = claimPart(claims, 'back')) {
      reply({ kind: 'part', id: request.id, index: k, part: packPart(parsePart(request.uri, request.text, request.cuts[k], request.cuts[k + 1])) });
    }
    reply({ kind: 'parts-done', id: request.id });
  }
  // What was sent is a copy: the objects here are garbage now.
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
