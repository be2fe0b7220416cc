// A small stdio JSON-RPC client for protocol tests: spawns dist/server.js, frames messages, answers the
// server's requests (configuration, registrations, progress, refreshes) and lets tests wait for events
// (a notification, a server request) with a timeout instead of sleeping.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

export const SERVER_JS = path.resolve(__dirname, '../../dist/server.js');

export interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: any;
  result?: any;
  error?: { code: number; message: string; data?: unknown };
}

export interface ClientOptions {
  /** What the client says it can do; defaults to a VS Code-like client with pull diagnostics. */
  capabilities?: Record<string, unknown>;
  initializationOptions?: unknown;
  workspaceFolders?: { uri: string; name: string }[] | null;
  /** The `statefulsetLens` section answered to workspace/configuration. */
  settings?: Record<string, unknown>;
  timeoutMs?: number;
  /** Another build of the server than dist/server.js (a copy beside a broken parse worker, say). */
  serverJs?: string;
  /** Server requests (by method) answered only once `release(method)` is called. */
  holdAnswers?: string[];
}

/** Capabilities of a client with everything this server can use (pull diagnostics, refreshes, progress). */
export const FULL_CAPABILITIES = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeWatchedFiles: { dynamicRegistration: true },
    diagnostics: { refreshSupport: true },
    codeLens: { refreshSupport: true },
    didChangeConfiguration: { dynamicRegistration: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    publishDiagnostics: { versionSupport: true },
    completion: { completionItem: { snippetSupport: true, labelDetailsSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeLens: {},
  },
  window: { workDoneProgress: true },
};

/** Capabilities of a client that only takes pushed diagnostics (like Neovim 0.7). */
export const PUSH_ONLY_CAPABILITIES = {
  workspace: { configuration: true, workspaceFolders: true },
  textDocument: {
    publishDiagnostics: { versionSupport: true },
    completion: { completionItem: { snippetSupport: false } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

type Waiter = { match: (m: Message) => boolean; resolve: (m: Message) => void };

export class LspClient {
  readonly process: ChildProcessWithoutNullStreams;
  /** Every notification and request the server sent, in order. */
  readonly received: Message[] = [];
  stderr = '';
  /** Bytes on stdout that were not a framed message (must stay empty). */
  strayOutput = '';
  settings: Record<string, unknown>;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (m: Message) => void }>();
  private waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  private readonly timeoutMs: number;
  private exited: Promise<number | null>;
  /** Server requests held by method (ClientOptions.holdAnswers, holdConfiguration) until released. */
  private readonly held = new Map<string, { gate: Promise<void>; release: () => void }>();

  constructor(options: ClientOptions = {}) {
    this.settings = options.settings ?? {};
    this.timeoutMs = options.timeoutMs ?? 15000;
    for (const method of options.holdAnswers ?? []) this.hold(method);
    this.process = spawn(process.execPath, [options.serverJs ?? SERVER_JS, '--stdio'], { stdio: 'pipe' });
    this.process.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.process.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.process.on('exit', (code) => resolve(code)));
  }

  /** Spawns the server and completes the initialize handshake. */
  static async start(options: ClientOptions = {}): Promise<{ client: LspClient; initialize: any }> {
    const client = new LspClient(options);
    const initialize = await client.request('initialize', {
      processId: process.pid,
      clientInfo: { name: 'statefulset-lens-tests' },
      rootUri: options.workspaceFolders?.[0]?.uri ?? null,
      workspaceFolders: options.workspaceFolders ?? null,
      capabilities: options.capabilities ?? FULL_CAPABILITIES,
      initializationOptions: options.initializationOptions,
    });
    client.notify('initialized', {});
    return { client, initialize };
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length: (\d+)/i.exec(header);
      if (!m || !header.startsWith('Content-')) {
        this.strayOutput += header;
        this.buffer = this.buffer.subarray(headerEnd + 4);
        continue;
      }
      const length = Number(m[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as Message);
    }
  }

  private dispatch(msg: Message): void {
    if (msg.id !== undefined && msg.method === undefined) {
      this.pending.get(msg.id as number)?.resolve(msg);
      this.pending.delete(msg.id as number);
      return;
    }
    this.received.push(msg);
    if (msg.id !== undefined && msg.method) this.answer(msg);
    const still: Waiter[] = [];
    for (const w of this.waiters) (w.match(msg) ? w.resolve(msg) : still.push(w));
    this.waiters = still;
  }

  /** What a real client answers to the server's requests. */
  private answer(msg: Message): void {
    let result: unknown = null;
    if (msg.method === 'workspace/configuration') {
      result = (msg.params.items as { section?: string }[]).map((i) => (i.section === 'statefulsetLens' ? this.settings : null));
    }
    const held = this.held.get(msg.method as string);
    if (held) {
      void held.gate.then(() => this.write({ jsonrpc: '2.0', id: msg.id, result }));
      return;
    }
    this.write({ jsonrpc: '2.0', id: msg.id, result });
  }

  /** Holds the answers to the server's requests of `method` until `release(method)`. */
  private hold(method: string): void {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    this.held.set(method, { gate, release });
  }

  /** Answers the held requests of `method` (and later ones at once). */
  release(method: string): void {
    this.held.get(method)?.release();
    this.held.delete(method);
  }

  /**
   * Holds the answers to workspace/configuration until the returned function is called, so a test can change
   * a document while the server waits for settings (a request that goes stale on the way).
   */
  holdConfiguration(): () => void {
    this.hold('workspace/configuration');
    return () => this.release('workspace/configuration');
  }

  private write(msg: object): void {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.process.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  /** Sends a request and resolves with the whole response message (result or error). */
  requestRaw(method: string, params: unknown): { id: number; response: Promise<Message> } {
    const id = this.nextId++;
    const response = this.withTimeout(new Promise<Message>((resolve) => this.pending.set(id, { resolve })), `response to ${method}`);
    this.write({ jsonrpc: '2.0', id, method, params });
    return { id, response };
  }

  /** Sends a request; rejects when the server answers with an error. */
  async request(method: string, params: unknown): Promise<any> {
    const msg = await this.requestRaw(method, params).response;
    if (msg.error) throw Object.assign(new Error(`${method}: ${msg.error.message}`), { code: msg.error.code });
    return msg.result;
  }

  /** Sends a request and its cancellation in one write, so the server sees both before it starts work. */
  requestAndCancel(method: string, params: unknown): Promise<Message> {
    const id = this.nextId++;
    const response = this.withTimeout(new Promise<Message>((resolve) => this.pending.set(id, { resolve })), `response to ${method}`);
    const frame = (m: object) => {
      const body = Buffer.from(JSON.stringify(m), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    };
    this.process.stdin.write(Buffer.concat([frame({ jsonrpc: '2.0', id, method, params }), frame({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } })]));
    return response;
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first message from the server (since `since`, an index into `received`) that matches. */
  waitFor(match: (m: Message) => boolean, what: string, since = 0): Promise<Message> {
    const seen = this.received.slice(since).find(match);
    if (seen) return Promise.resolve(seen);
    return this.withTimeout(new Promise<Message>((resolve) => this.waiters.push({ match, resolve })), what);
  }

  /** The next publishDiagnostics for `uri` (at `version` when given), sent after `since`. */
  waitForDiagnostics(uri: string, version?: number, since = 0): Promise<any[]> {
    return this.waitFor(
      (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && (version === undefined || m.params.version === version),
      `diagnostics of ${uri}${version === undefined ? '' : ` v${version}`}`, since,
    ).then((m) => m.params.diagnostics);
  }

  private withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${this.timeoutMs} ms waiting for ${what}; stderr: ${this.stderr.slice(-2000)}`)), this.timeoutMs);
    });
    const exit = this.exited.then((code) => {
      throw new Error(`server exited (code ${code}) while waiting for ${what}; stderr: ${this.stderr.slice(-2000)}`);
    });
    return Promise.race([p, timeout, exit]).finally(() => clearTimeout(timer));
  }

  open(uri: string, text: string, languageId = 'yaml'): number {
    this.versions.set(uri, 1);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return 1;
  }

  /** Incremental edits: each replaces `range` with `text`. Returns the new version. */
  change(uri: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[]): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: edits });
    return version;
  }

  close(uri: string): void {
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  pullDiagnostics(uri: string, previousResultId?: string): Promise<any> {
    return this.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
  }

  /** Clean shutdown: shutdown request, exit notification, wait for the process to end. */
  async stop(): Promise<number | null> {
    if (this.process.exitCode !== null) return this.process.exitCode;
    try {
      await this.request('shutdown', null);
      this.notify('exit', null);
    } catch {
      this.process.kill();
    }
    return this.exited;
  }
}
