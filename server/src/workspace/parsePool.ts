// Parses large texts off the language server's main thread, so a request on another document never waits
// behind a parse that takes seconds (a 2 MB line of JSON cannot be parsed in slices). One worker thread, started
// on the first request (small files never start it) and stopped after a quiet while, so its memory goes back.
// The worker runs the same pure `parseWholeFile` the server would; its result is exactly the in-thread one.
// A worker that fails (an error, an unexpected exit, no worker file) is logged once and every parse from then
// on, including those it had not answered, is made in-thread: the pool never fails a parse.
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { parseWholeFile, type ParseResult } from '../analysis/parse';
import { unpackParse, type PackedParse } from './parseTransfer';

export interface ParseRequest {
  id: number;
  uri: string;
  text: string;
  namespace: string;
}

export interface ParseResponse {
  id: number;
  /** `file.text` is empty: the caller has the text. */
  parse: PackedParse;
}

interface Job {
  request: ParseRequest;
  resolve(result: ParseResult): void;
}

/**
 * The worker stops after this long without a parse, giving its memory back (it collects the garbage of each parse
 * as soon as the parse is done, so an idle worker holds little). Starting it costs ~100 ms, which a burst of edits
 * of a large file should pay once.
 */
const IDLE_MS = 30_000;

export class ParsePool {
  private worker: Worker | undefined;
  private readonly jobs = new Map<number, Job>();
  private nextId = 1;
  private failed = false;
  private idleTimer: NodeJS.Timeout | undefined;
  /** How many parses the worker answered (for tests). */
  answered = 0;

  /** `workerFile`: the bundled worker entry (dist/parseWorker.js beside dist/server.js by default). */
  constructor(
    private readonly log: (message: string) => void,
    private readonly workerFile = path.join(__dirname, 'parseWorker.js'),
  ) {}

  /** `parseWholeFile(uri, text, namespace)`, made by the worker (or in-thread once it has failed). */
  parse(uri: string, text: string, namespace: string): Promise<ParseResult> {
    const worker = this.failed ? undefined : this.started();
    if (!worker) return Promise.resolve(parseWholeFile(uri, text, namespace));
    clearTimeout(this.idleTimer);
    const request: ParseRequest = { id: this.nextId++, uri, text, namespace };
    return new Promise<ParseResult>((resolve) => {
      this.jobs.set(request.id, { request, resolve });
      // Kept alive while a parse is outstanding, not longer: the server's lifetime is its connection's.
      worker.ref();
      worker.postMessage(request);
    });
  }

  /** Stops the worker (unanswered parses are made in-thread). */
  dispose(): void {
    this.stop();
  }

  private started(): Worker | undefined {
    if (this.worker) return this.worker;
    let worker: Worker;
    try {
      // A small young generation: a parse's short-lived objects are collected sooner, which lowers the peak the
      // worker adds to the server's memory (the old generation holds what a parse keeps, and has no limit here).
      worker = new Worker(this.workerFile, { resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    } catch (err) {
      this.fail(`could not start: ${String((err as Error)?.message ?? err)}`);
      return undefined;
    }
    worker.on('message', (response: ParseResponse) => {
      const job = this.jobs.get(response.id);
      if (!job) return;
      this.jobs.delete(response.id);
      this.answered++;
      const result = unpackParse(response.parse);
      job.resolve({ ...result, file: { ...result.file, text: job.request.text } });
      if (this.jobs.size === 0) {
        worker.unref();
        this.stopWhenIdle();
      }
    });
    worker.on('error', (err) => {
      if (this.worker === worker) this.fail(String((err as Error)?.message ?? err));
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.fail(`exited with code ${code}`);
    });
    this.worker = worker;
    return worker;
  }

  private stopWhenIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.jobs.size === 0) this.stop();
    }, IDLE_MS);
    this.idleTimer.unref();
  }

  private stop(): void {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = undefined;
    if (worker) void worker.terminate();
    this.parseUnanswered();
  }

  private fail(why: string): void {
    if (!this.failed) this.log(`The parse worker failed (${why}); large files are parsed on the main thread from now on.`);
    this.failed = true;
    const worker = this.worker;
    this.worker = undefined;
    if (worker) void worker.terminate();
    this.parseUnanswered();
  }

  private parseUnanswered(): void {
    const jobs = [...this.jobs.values()];
    this.jobs.clear();
    for (const { request, resolve } of jobs) resolve(parseWholeFile(request.uri, request.text, request.namespace));
  }
}
