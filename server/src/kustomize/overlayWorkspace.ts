// The command line's view of one overlay: reads the overlay's kustomization and everything it includes from
// disk into a ManifestWorkspace (kustomizations, manifests, patches; YAML files only), renders it with Kustomize,
// and sets the render as the workspace's input. Paths are spelled relative to the working folder, as the CLI
// prints them.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { KUSTOMIZATION_FILE_NAMES } from '../analysis/kustomizeGraph';
import { kustomizationGraph, ManifestWorkspace } from '../analysis/index';
import { remoteRefusal, renderOverlay, toRenderInput, type KustomizeCommand } from './render';

export interface LoadedOverlay {
  workspace: ManifestWorkspace;
  /** The overlay folder as the workspace spells it. */
  dir: string;
  /** Every file read, in the order read. */
  files: string[];
  /** Kustomize is not installed: the message. */
  missing?: string;
}

const posix = (p: string) => p.split(path.sep).join('/');

function kustomizationIn(dir: string): string | undefined {
  for (const name of KUSTOMIZATION_FILE_NAMES) {
    const p = path.join(dir, name);
    try {
      if (statSync(p).isFile()) return p;
    } catch {
      // not this name
    }
  }
  return undefined;
}

/** Throws an Error naming the folder when it holds no kustomization. */
export async function loadOverlay(overlayDir: string, command: Exclude<KustomizeCommand, 'off'>): Promise<LoadedOverlay> {
  const workspace = new ManifestWorkspace();
  const files: string[] = [];
  // Relative to the working folder, as the user typed them; absolute when the overlay is the working folder
  // itself (its files would otherwise have no folder to resolve the kustomization's paths against).
  const absolute = path.resolve(overlayDir) === process.cwd();
  const spell = (p: string) => posix(absolute ? path.resolve(p) : path.relative(process.cwd(), path.resolve(p)));
  const dir = spell(overlayDir);
  const first = kustomizationIn(overlayDir);
  if (!first) throw new Error(`${overlayDir} holds no kustomization.yaml, kustomization.yml or Kustomization`);
  const read = (p: string) => {
    const spelled = spell(p);
    if (workspace.getFile(spelled)) return;
    let text: string;
    try {
      text = readFileSync(p, 'utf8');
    } catch {
      return; // Kustomize reports what it cannot read
    }
    workspace.setFile(spelled, text);
    files.push(spelled);
  };
  read(first);
  // Follow the references until nothing new is read.
  for (let before = -1; before !== files.length; ) {
    before = files.length;
    for (const k of kustomizationGraph(workspace).byDir.values()) {
      for (const r of k.references) {
        if (r.remote) continue;
        let isDir = false;
        try {
          isDir = statSync(r.target).isDirectory();
        } catch {
          continue;
        }
        if (isDir) {
          const inner = kustomizationIn(r.target);
          if (inner) read(inner);
        } else if (/\.(ya?ml|json)$/i.test(r.target)) read(r.target);
      }
    }
  }
  const inputs = kustomizationGraph(workspace).inputs(dir);
  const refused = remoteRefusal(inputs);
  if (refused) {
    workspace.kustomize.set(dir, { dir, error: refused, originRoot: dir });
    return { workspace, dir, files };
  }
  const outcome = await renderOverlay(overlayDir, command);
  if (outcome.missing) return { workspace, dir, files, missing: outcome.error };
  workspace.kustomize.set(dir, toRenderInput(dir, outcome, posix, absolute ? undefined : posix(process.cwd())));
  return { workspace, dir, files };
}
