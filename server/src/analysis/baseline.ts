// The baseline an apply plan compares with: the manifest texts of a git revision (by default HEAD), handed in
// by the IO layer like the workspace's own files, or the one-line reason why there is none. The texts are
// parsed lazily and once per default namespace; StatefulSets are indexed by namespace and name across the
// whole tree, so a StatefulSet moved to another file is found where it was. No IO here.
import type { Resource } from './model';
import { parseFile } from './parse';

/** The manifests of a revision, keyed like the workspace keys its files (URIs in the server, paths in the CLI). */
export interface BaselineFiles {
  /** The revision as configured: `HEAD`, `origin/main`, a commit id. */
  revision: string;
  /** The commit it resolved to (40 hex digits). */
  commit: string;
  /** Every *.yaml / *.yml file of the revision's tree. */
  paths: ReadonlySet<string>;
  /** The texts of those files that mention `StatefulSet` (the only ones a plan needs). */
  texts: ReadonlyMap<string, string>;
}

/** No baseline, and the one line that says why (no repository, an unknown revision, a shallow clone). */
export interface BaselineUnavailable {
  revision: string;
  reason: string;
}

export type BaselineInput = BaselineFiles | BaselineUnavailable;

export function isBaselineFiles(input: BaselineInput): input is BaselineFiles {
  return (input as BaselineFiles).commit !== undefined;
}

interface BaselineIndex {
  byKey: Map<string, Resource>;
  byFile: Map<string, Resource[]>;
}

const key = (namespace: string, name: string) => `${namespace}\u0000${name}`;

/** One baseline input with its parsed StatefulSets (built on first use). Immutable once made. */
export class Baseline {
  private index: { namespace: string; value: BaselineIndex } | undefined;

  constructor(readonly input: BaselineInput) {}

  get revision(): string {
    return this.input.revision;
  }

  /** The files of the revision, or undefined when it is unavailable (see `reason`). */
  get files(): BaselineFiles | undefined {
    return isBaselineFiles(this.input) ? this.input : undefined;
  }

  get reason(): string | undefined {
    return isBaselineFiles(this.input) ? undefined : this.input.reason;
  }

  /** Whether the file existed in the revision. */
  hasFile(uri: string): boolean {
    return this.files?.paths.has(uri) ?? false;
  }

  /** The first StatefulSet of the revision with this namespace and name, in any file. */
  statefulSet(namespace: string, name: string, defaultNamespace: string): Resource | undefined {
    return this.indexed(defaultNamespace).byKey.get(key(namespace, name));
  }

  /** The StatefulSets the file held at the revision, in document order. */
  statefulSetsIn(uri: string, defaultNamespace: string): Resource[] {
    return this.indexed(defaultNamespace).byFile.get(uri) ?? [];
  }

  /** The baseline text of a file that mentions StatefulSet. */
  textOf(uri: string): string | undefined {
    return this.files?.texts.get(uri);
  }

  private indexed(defaultNamespace: string): BaselineIndex {
    if (this.index?.namespace === defaultNamespace) return this.index.value;
    const value: BaselineIndex = { byKey: new Map(), byFile: new Map() };
    for (const [uri, text] of this.files?.texts ?? []) {
      if (!text.includes('StatefulSet')) continue;
      const statefulSets = parseFile(uri, text, defaultNamespace).resources.filter((r) => r.recognized === 'StatefulSet' && r.name !== undefined);
      if (statefulSets.length) value.byFile.set(uri, statefulSets);
      for (const r of statefulSets) if (!value.byKey.has(key(r.namespace, r.name!))) value.byKey.set(key(r.namespace, r.name!), r);
    }
    this.index = { namespace: defaultNamespace, value };
    return value;
  }
}
