// Where tests find the repository, the built bundles and the shared real-world corpus.
// The corpus lives beside the repository (../shared/corpus) and is never copied into it.
import { existsSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const distDir = path.join(repoRoot, 'dist');
export const examplesDir = path.join(repoRoot, 'examples');
export const corpusDir = path.resolve(repoRoot, '..', 'shared', 'corpus');

/** The reason to skip corpus tests on a clone without ../shared, or undefined when the corpus is there. */
export const corpusMissing: string | undefined = existsSync(corpusDir)
  ? undefined
  : `skipped: the shared corpus is not at ${corpusDir} (it sits beside the repository on CI and team machines)`;
