// Shared by the Kustomize tests: whether the real `kubectl kustomize` is on this machine, the fixtures'
// folder, and the names the controller derives from a rendered StatefulSet, computed here from Kustomize's own
// output (parsed with `yaml`, independently of the analysis) so no expected name is typed by hand.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from '../support/paths';

export const fixturesDir = path.join(repoRoot, 'test/fixtures/kustomize');
export const fixturesRel = path.relative(process.cwd(), fixturesDir).split(path.sep).join('/');

function probe(): string | undefined {
  try {
    const out = execFileSync('kubectl', ['version', '--client'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 });
    const m = /Kustomize Version:\s*v(\d+)/.exec(out);
    if (!m) return 'skipped: kubectl prints no Kustomize version, so the Kustomize tests cannot run';
    if (Number(m[1]) < 5) return `skipped: kubectl ships Kustomize v${m[1]}; origin annotations need v5 or newer`;
    return undefined;
  } catch {
    return 'skipped: kubectl is not installed here, so the Kustomize tests (real kubectl kustomize) cannot run';
  }
}

/**
 * Why the Kustomize tests skip, or undefined when kubectl kustomize (v5+) is here. CI sets
 * STATEFULSET_LENS_REQUIRE_KUBECTL=1: there a missing kubectl fails the tests instead of skipping them.
 */
export const kustomizeMissing: string | undefined = required(probe());

function required(missing: string | undefined): string | undefined {
  if (missing && process.env.STATEFULSET_LENS_REQUIRE_KUBECTL === '1') {
    throw new Error(`STATEFULSET_LENS_REQUIRE_KUBECTL=1, but the Kustomize tests cannot run: ${missing.replace(/^skipped: /, '')}`);
  }
  return missing;
}

/** What `kubectl kustomize DIR` prints, as plain objects. */
export function kustomizeObjects(dir: string): Record<string, any>[] {
  const out = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'pipe'] });
  return parseAllDocuments(out).map((d: any) => d.toJS());
}

export interface Expected {
  name: string;
  namespace: string;
  pods: string[];
  dns: string[];
  pvcs: string[];
  serviceDns: string;
  srv: string[];
  startOrder: string[][];
  updated: string[];
  kept: string[];
}

/** The controller's naming over a rendered StatefulSet and the rendered Services. */
export function expectedFromRender(objects: Record<string, any>[], stsName: string, domain = 'cluster.local'): Expected {
  const sts = objects.find((o) => o.kind === 'StatefulSet' && o.metadata.name === stsName)!;
  const ns = sts.metadata.namespace ?? 'default';
  const replicas = sts.spec.replicas ?? 1;
  const start = sts.spec.ordinals?.start ?? 0;
  const pods = Array.from({ length: replicas }, (_, i) => `${stsName}-${start + i}`);
  const svc = sts.spec.serviceName as string;
  const service = objects.find((o) => o.kind === 'Service' && o.metadata.name === svc && (o.metadata.namespace ?? 'default') === ns);
  const serviceDns = `${svc}.${ns}.svc.${domain}`;
  const partition = sts.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
  return {
    name: stsName,
    namespace: ns,
    pods,
    dns: pods.map((p) => `${p}.${serviceDns}`),
    pvcs: pods.flatMap((p) => (sts.spec.volumeClaimTemplates ?? []).map((c: any) => `${c.metadata.name}-${p}`)),
    serviceDns,
    srv: (service?.spec.ports ?? []).filter((p: any) => p.name).map((p: any) => `_${p.name}._${(p.protocol ?? 'TCP').toLowerCase()}.${serviceDns}`),
    startOrder: sts.spec.podManagementPolicy === 'Parallel' ? [pods] : pods.map((p) => [p]),
    updated: pods.filter((_, i) => start + i >= start + partition).reverse(),
    kept: pods.filter((_, i) => start + i < start + partition),
  };
}
