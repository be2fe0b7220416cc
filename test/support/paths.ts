// Where tests find the repository, the built bundles and the shared reference material (../shared: the
// real-world corpus and the Kubernetes OpenAPI), which lives beside the repository and is never copied into it.
// On a clone without it those tests skip with one line; CI sets STATEFULSET_LENS_REQUIRE_SHARED=1 so they fail.
import { existsSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const distDir = path.join(repoRoot, 'dist');
export const examplesDir = path.join(repoRoot, 'examples');
export const sharedDir = path.resolve(repoRoot, '..', 'shared');
export const corpusDir = path.join(sharedDir, 'corpus');
export const openapiDir = path.join(sharedDir, 'k8s-openapi');

/** Why tests of `dir` skip, or undefined when it is there; throws when CI requires the shared material. */
function missingReason(dir: string, what: string): string | undefined {
  if (existsSync(dir)) return undefined;
  if (process.env.STATEFULSET_LENS_REQUIRE_SHARED === '1') {
    throw new Error(`${what} is not at ${dir}, but STATEFULSET_LENS_REQUIRE_SHARED=1 requires it`);
  }
  return `skipped: ${what} is not at ${dir} (it sits beside the repository on CI and team machines)`;
}

/** The reason to skip corpus tests on a clone without ../shared, or undefined when the corpus is there. */
export const corpusMissing: string | undefined = missingReason(corpusDir, 'the shared corpus');

/** The reason to skip tests that need the Kubernetes OpenAPI, or undefined when it is there. */
export const openapiMissing: string | undefined = missingReason(openapiDir, 'the Kubernetes OpenAPI (../shared/k8s-openapi)');
