// Parses large texts so that no request waits long behind them. A text that can be cut at `---` lines (parse.ts
// `partsOf`) is parsed here, in parts, yielding to queued messages every 50 ms: the parser pauses between
// YAML documents and every few thousand lexemes inside one, so only the composition of one document is a piece
// that cannot pause. A text of up to 1.5 MB with no cut is one such part. A text that is plain JSON is read here
// at once (parse.ts `parseJsonFile`: 2 MB in about 0.2 s). Any other large text (one YAML document of 2 MB or
// more, a template) is parsed whole by a worker thread, started on the first such text and stopped after a
// quiet while, so its memory goes back. All give exactly what `parseWholeFile` gives.
// (Parsing parts on both threads at once was measured on the 2-core machines here: two threads starting cold on
// one parse were no faster than one, and the worker's heap added some 25 MB at the peak.)
// A worker that fails (an error, an unexpected exit, no worker file) is logged once and every parse from then on,
// including those it had not answered, is made here.
// Parses run one at a time, newest text of a document first served: a text replaced before its parse ends
// resolves `undefined` (its parse stops at the next slice), so edits of a large file never queue up parses.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { assembleParts, parseJsonFile, parsePartSteps, parseWholeFile, partsOf, type ParsedPart, type ParseResult } from '../analysis/parse';
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

/**
 * The worker stops after this long without a parse, giving its memory back. Starting it costs ~100 ms, which
 * a burst of edits of a large file should pay once.
 */
const IDLE_MS = 30_000;

/** Texts are cut into parts of about this many UTF-16 units (some 100 ms of parsing each). */
export const PART_LENGTH = 128 * 1024;

/** How long this thread parses (a YAML document at a time) before it lets other messages in. */
const SLICE_MS = 50;

interface Job {
  uri: string;
  text: string;
  namespace: string;
  /** A newer text of the same document was given: this parse stops and resolves `undefined`. */
  superseded: boolean;
  resolve(result: ParseResult | undefined): void;
}

export class ParsePool {
  private worker: Worker | undefined;
  private readonly queue: Job[] = [];
  private active: Job | undefined;
  private readonly wholeJobs = new Map<number, { job: Job; resolve(result: ParseResult | undefined): void }>();
  private nextId = 1;
  private failed = false;
  private idleTimer: NodeJS.Timeout | undefined;
  /** How many parses the worker answered, for tests. */
  answered = 0;

  /** `workerFile`: the bundled worker entry (dist/parseWorker.js beside dist/server.js by default). */
  constructor(
    private readonly log: (message: string) => void,
    private readonly workerFile = path.join(__dirname, 'parseWorker.js'),
    private readonly options: { partLength?: number } = {},
  ) {}

  /**
   * `parseWholeFile(uri, text, namespace)`, made as described above; `undefined` when a newer text of the same
   * `uri` was given before this one's parse ended.
   */
  parse(uri: string, text: string, namespace: string): Promise<ParseResult | undefined> {
    this.cancel(uri);
    return new Promise((resolve) => {
      this.queue.push({ uri, text, namespace, superseded: false, resolve });
      void this.pump();
    });
  }

  /** True while a parse is under way or queued. */
  get busy(): boolean {
    return this.active !== undefined || this.queue.length > 0;
  }

  /** The parse of `uri`'s text under way or queued is no longer wanted: it resolves `undefined`. */
  cancel(uri: string): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i].uri !== uri) continue;
      this.queue[i].resolve(undefined);
      this.queue.splice(i, 1);
    }
    if (this.active?.uri === uri) this.active.superseded = true;
  }

  /** Stops the worker (parses it had not answered are made here). */
  dispose(): void {
    this.stop();
  }

  private async pump(): Promise<void> {
    if (this.active) return;
    const job = this.queue.shift();
    if (!job) {
      this.stopWhenIdle();
      return;
    }
    this.active = job;
    clearTimeout(this.idleTimer);
    let result: ParseResult | undefined;
    try {
      result = await this.run(job);
    } catch (err) {
      this.log(`parsing ${job.uri} off the queue failed (${String((err as Error)?.message ?? err)}); it is parsed in one go`);
      result = parseWholeFile(job.uri, job.text, job.namespace);
    }
    this.active = undefined;
    job.resolve(job.superseded ? undefined : result);
    void this.pump();
  }

  private async run(job: Job): Promise<ParseResult | undefined> {
    const cuts = partsOf(job.uri, job.text, this.options.partLength ?? PART_LENGTH);
    if (cuts) {
      const parts = await this.inParts(job, cuts);
      if (!parts) return undefined;
      const assembled = parts !== 'error' && assembleParts(job.uri, job.text, parts, job.namespace);
      if (assembled) return assembled;
      // A part holds a YAML error: the whole-file parse (and its repairs) decides.
    }
    if (job.superseded) return undefined;
    // Plain JSON (a generated manifest on one line) is read here: a tenth of YAML's time, and no transfer.
    const json = parseJsonFile(job.uri, job.text, job.namespace);
    if (json) return json;
    const worker = this.failed ? undefined : this.started();
    if (!worker) return parseWholeFile(job.uri, job.text, job.namespace);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.wholeJobs.set(id, { job, resolve });
      worker.ref();
      worker.postMessage({ id, uri: job.uri, text: job.text, namespace: job.namespace } satisfies ParseRequest);
    });
  }

  /**
   * Every part of the text, parsed here a YAML document at a time, yielding every SLICE_MS; undefined when the
   * job was superseded meanwhile, `'error'` as soon as a part holds a YAML error (the rest would be for nothing).
   */
  private async inParts(job: Job, cuts: number[]): Promise<ParsedPart[] | 'error' | undefined> {
    const parts: ParsedPart[] = [];
    let sliceEnd = performance.now() + SLICE_MS;
    for (let k = 0; k + 1 < cuts.length; k++) {
      const steps = parsePartSteps(job.uri, job.text, cuts[k], cuts[k + 1]);
      let step = steps.next();
      for (; !step.done; step = steps.next()) {
        if (performance.now() < sliceEnd) continue;
        // Other messages (a hover, an edit) come in between slices.
        await new Promise((resolve) => setImmediate(resolve));
        sliceEnd = performance.now() + SLICE_MS;
        if (job.superseded) return undefined;
      }
      if (step.value.errors > 0) return 'error';
      parts.push(step.value);
    }
    return parts;
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
    worker.on('message', (response: ParseResponse) => this.received(worker, response));
    worker.on('error', (err) => {
      if (this.worker === worker) this.fail(String((err as Error)?.message ?? err));
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.fail(`exited with code ${code}`);
    });
    this.worker = worker;
    return worker;
  }

  private received(worker: Worker, response: ParseResponse): void {
    const waiting = this.wholeJobs.get(response.id);
    if (!waiting) return;
    this.wholeJobs.delete(response.id);
    this.answered++;
    const result = unpackParse(response.parse);
    waiting.resolve({ ...result, file: { ...result.file, text: waiting.job.text } });
    if (this.wholeJobs.size === 0) worker.unref();
  }

  private stopWhenIdle(): void {
    clearTimeout(this.idleTimer);
    if (!this.worker) return;
    this.idleTimer = setTimeout(() => {
      if (!this.active && this.queue.length === 0) this.stop();
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
    this.stop();
  }

  /** What the worker had not answered is made here. */
  private parseUnanswered(): void {
    const waiting = [...this.wholeJobs.values()];
    this.wholeJobs.clear();
    for (const { job, resolve } of waiting) resolve(job.superseded ? undefined : parseWholeFile(job.uri, job.text, job.namespace));
  }
}
