// Runs Kustomize as installed on the machine (`kubectl kustomize DIR` or `kustomize build DIR`) over one overlay,
// the only place the product runs a program. The overlay is rendered through a temporary kustomization that
// lists it as its only resource and asks for origin annotations, so the user's files are never written. No
// shell, no flag that enables plugins, exec functions or Helm, a time limit and an output limit; a remote base
// is refused before anything runs (a render must not use the network).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isRemoteReference, type KustomizationInputs, type KustomizeRenderInput } from '../analysis/index';

export type KustomizeCommand = 'kubectl kustomize' | 'kustomize build' | 'off';
export const KUSTOMIZE_COMMANDS: readonly KustomizeCommand[] = ['kubectl kustomize', 'kustomize build', 'off'];

export const RENDER_TIMEOUT_MS = 20_000;
export const RENDER_MAX_BYTES = 8 * 1024 * 1024;

/** Program and arguments; the folder is appended. Nothing that turns on plugins, exec functions or Helm. */
export function commandLine(command: Exclude<KustomizeCommand, 'off'>): { file: string; args: string[] } {
  return command === 'kustomize build' ? { file: 'kustomize', args: ['build'] } : { file: 'kubectl', args: ['kustomize'] };
}

/** Flags a render must never pass (asserted by the tests against commandLine). */
export const FORBIDDEN_FLAGS = ['--enable-alpha-plugins', '--enable-exec', '--enable-star', '--enable-helm', '--network', '--mount', '--load-restrictor'];

export interface RenderOutcome {
  /** What Kustomize printed (origin annotations still in). */
  text?: string;
  /** Kustomize's own message, or why it was not run. */
  error?: string;
  /** The program is not installed: the feature is off. */
  missing?: boolean;
  /** The temporary folder (absolute, removed by now) the origin paths are relative to. */
  tmpDir: string;
}

interface ExecResult {
  stdout: string;
  stderr: string;
  error?: { killed?: boolean; code?: number | string | null; message: string };
}

function run(file: string, args: string[], options: { timeoutMs: number; maxBytes: number; cwd: string }): Promise<ExecResult> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, timeout: options.timeoutMs, maxBuffer: options.maxBytes, windowsHide: true, shell: false, encoding: 'utf8', killSignal: 'SIGKILL' },
      (error, stdout, stderr) => resolve({ stdout: String(stdout ?? ''), stderr: String(stderr ?? ''), error: error ?? undefined }),
    );
  });
}

/** The remote bases a render would fetch, as one message; undefined when there is none. */
export function remoteRefusal(inputs: KustomizationInputs): string | undefined {
  if (inputs.remote.length === 0) return undefined;
  const list = inputs.remote.map((r) => r.reference.path).join(', ');
  return `remote base ${list} not rendered: StatefulSet Lens runs kustomize without network access. Vendor the base into the workspace to preview this overlay.`;
}

/**
 * Renders the overlay folder `overlayDir` (a file system path). Never throws: failures come back as `error`,
 * Kustomize's stderr as it printed it.
 */
export async function renderOverlay(
  overlayDir: string,
  command: Exclude<KustomizeCommand, 'off'>,
  limits: { timeoutMs?: number; maxBytes?: number } = {},
): Promise<RenderOutcome> {
  const timeoutMs = limits.timeoutMs ?? RENDER_TIMEOUT_MS;
  const maxBytes = limits.maxBytes ?? RENDER_MAX_BYTES;
  let tmp: string | undefined;
  try {
    tmp = await mkdtemp(path.join(tmpdir(), 'statefulset-lens-kustomize-'));
    const absolute = path.resolve(overlayDir);
    // Kustomize accepts only relative resource folders ("new root cannot be absolute").
    const rel = path.relative(tmp, absolute).split(path.sep).join('/');
    if (path.isAbsolute(rel)) return { error: `the overlay ${overlayDir} is on another drive than the temporary folder ${tmp}, so kustomize cannot reach it from there`, tmpDir: tmp };
    await writeFile(path.join(tmp, 'kustomization.yaml'), `# Written by StatefulSet Lens to ask kustomize where each object comes from.\nresources:\n  - ${JSON.stringify(rel)}\nbuildMetadata: [originAnnotations]\n`, 'utf8');
    const { file, args } = commandLine(command);
    const result = await run(file, [...args, tmp], { timeoutMs, maxBytes, cwd: tmp });
    const e = result.error;
    if (!e) return { text: result.stdout, tmpDir: tmp };
    if (e.code === 'ENOENT') return { missing: true, error: `${file} is not installed (not found on PATH), so Kustomize overlays are not rendered`, tmpDir: tmp };
    if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return { error: `kustomize printed more than ${Math.round(maxBytes / 1024 / 1024)} MB: the render is not shown`, tmpDir: tmp };
    if (e.killed) return { error: `kustomize did not finish within ${Math.round(timeoutMs / 1000)} s: the render is not shown`, tmpDir: tmp };
    // The wrapper adds its own words around the overlay's error: render the overlay itself to show what
    // Kustomize prints for it (the same limits; only on failure).
    const direct = await run(file, [...args, absolute], { timeoutMs, maxBytes, cwd: absolute });
    const stderr = direct.error && direct.stderr.trim() ? direct.stderr : result.stderr;
    // kubectl puts its log header (`E1130 15:36:58.111662 4851 run.go:72] "command failed" err=`) before Kustomize's words.
    const printed = kustomizeMessage(stderr.trim().split(tmp).join('<overlay>'));
    return { error: printed || `${file} exited with ${String(e.code)}`, tmpDir: tmp };
  } catch (err) {
    return { error: `could not run kustomize: ${(err as Error).message}`, tmpDir: '' };
  } finally {
    if (tmp) await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * What Kustomize said, from what the program printed: kubectl wraps it in a log line
 * (`E1130 15:36:58.111662 4851 run.go:72] "command failed" err="…"`, with Go quoting); `kustomize` prints
 * `Error: …`. Anything else is returned as printed.
 */
export function kustomizeMessage(stderr: string): string {
  const klog = /^[EWIF]\d{4} [\d:.]+\s+\d+ \S+\] "command failed" err="([\s\S]*)"$/.exec(stderr);
  if (klog) return klog[1].replace(/\\(["\\])/g, '$1');
  return stderr.replace(/^Error: /, '');
}

/** Whether the program answers at all (`kubectl version --client` / `kustomize version`). */
export async function engineAvailable(command: Exclude<KustomizeCommand, 'off'>): Promise<{ ok: boolean; message: string }> {
  const { file } = commandLine(command);
  const args = file === 'kubectl' ? ['version', '--client'] : ['version'];
  const r = await run(file, args, { timeoutMs: 10_000, maxBytes: 1024 * 1024, cwd: tmpdir() });
  if (r.error?.code === 'ENOENT') return { ok: false, message: `${file} is not installed (not found on PATH): Kustomize overlays are not rendered.` };
  const version = /Kustomize Version:\s*(\S+)/.exec(r.stdout)?.[1] ?? r.stdout.trim().split('\n')[0];
  return { ok: true, message: `rendering overlays with ${command} (${version || 'version unknown'})` };
}

/**
 * The cache key of a render: the command and the bytes of every file it reads (paths that cannot be read count
 * as missing). Files are read from disk, which is what Kustomize reads.
 */
export async function renderKey(command: string, paths: string[]): Promise<string> {
  const hash = createHash('sha256').update(command).update('\0');
  for (const p of [...paths].sort()) {
    hash.update(p).update('\0');
    try {
      hash.update(await readFile(p));
    } catch {
      hash.update('\u0000missing');
    }
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * The render as the analysis takes it. `dir` is the overlay folder as the workspace spells it; `spell` turns an
 * absolute path into the workspace's spelling of it (a file URI in the server); `relativeTo` is the folder the
 * workspace's relative paths start from (the CLI's working folder).
 */
export function toRenderInput(dir: string, outcome: RenderOutcome, spell: (absolute: string) => string, relativeTo?: string): KustomizeRenderInput {
  const originRoot = spell(outcome.tmpDir || tmpdir());
  const base = { dir, originRoot, ...(relativeTo ? { relativeTo: spell(relativeTo) } : {}) };
  return outcome.text !== undefined ? { ...base, text: outcome.text } : { ...base, error: outcome.error ?? 'kustomize printed nothing' };
}

export { isRemoteReference };
