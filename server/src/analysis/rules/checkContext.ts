// The context every check receives: the file, the workspace, the target version, the StatefulSet being
// checked with its commonly needed nodes, and `report(ruleId, span, message)`. Checks only report; severity
// overrides and suppressions are applied afterwards in rules/index.ts.
import type {
  AnalysisSettings, Finding, Fix, ParsedFile, Resource, Severity, Span, StatefulSetIdentity, WorkspaceView, YMap, YNode,
} from '../model';
import { asMap, getPair, getPath, scalarText } from '../yamlTree';
import type { KustomizeFacts } from './kustomize';
import type { MajorMinor } from './kubernetesVersion';
import { ruleById } from './ruleTable';

export interface FileContext {
  file: ParsedFile;
  workspace: WorkspaceView;
  settings: AnalysisSettings;
  version: MajorMinor;
  /**
   * Records a finding with the rule's default severity, or `severity` when the default depends on the case,
   * and the quick fixes the check knows to be right (see rules/fixes.ts; suppression fixes are added later):
   * built now, or by a `LazyFixes` function once the finding is known to be reported.
   */
  report(ruleId: string, span: Span, message: string, severity?: Severity, fixes?: Fix[] | LazyFixes): void;
}

/**
 * Quick fixes built only for a finding that is reported: most findings of a large file are cut by the cap on
 * findings per file (rules/index.ts `finish`), and fixes built for them would be thrown away. Called with the
 * file as it is when the finding is reported, which is not always the file checked: the workspace reuses a
 * StatefulSet's findings after an edit in another document of the file (its nodes are moved in place, its text
 * is new). So such a function reads the text through `file` only, and keeps nodes, resources and values, never
 * the check's context (which would keep an old text, and the file's tree, alive as long as the finding is
 * cached): it is made by a function of those values alone (rules/fixes.ts `typoFixesLater` and its siblings),
 * not by a closure inside a check, which would hold the check's whole scope.
 */
export type LazyFixes = (file: ParsedFile) => Fix[] | undefined;

/** Where a reported finding keeps its LazyFixes until `finish` builds them (a symbol: spreads copy it, for…in does not). */
export const LAZY_FIXES: unique symbol = Symbol('lazyFixes');

/** A finding as a check reports it, before `finish`. */
export type ReportedFinding = Finding & { [LAZY_FIXES]?: LazyFixes };

export interface StatefulSetContext extends FileContext {
  resource: Resource;
  identity: StatefulSetIdentity;
  /** The StatefulSet's own name ('' when absent), as the controller uses it. */
  name: string;
  root: YMap;
  spec: YMap | undefined;
  /** spec.template.spec */
  podSpec: YMap | undefined;
  /** A Kustomize patch (listed under patches, or without template and selector): missing fields are expected. */
  isPatch: boolean;
  /** A Helm template: values may come from `{{ }}` and whole blocks may be generated. */
  isTemplate: boolean;
  kustomize: KustomizeFacts;
  /** Pod template labels plus the labels a kustomization adds to them. */
  templateLabels: Record<string, string>;
  /** True when the node's text (or a key inside it) holds template syntax, so its value is unknown. */
  templated(node: YNode | undefined): boolean;
}

export function createReporter(uri: string, sink: Finding[]): FileContext['report'] {
  return (ruleId, span, message, severity, fixes) => {
    const rule = ruleById(ruleId);
    const finding: ReportedFinding = { ruleId, severity: severity ?? rule?.defaultSeverity ?? 'warning', message, uri, span: { start: span.start, end: span.end } };
    if (typeof fixes === 'function') finding[LAZY_FIXES] = fixes;
    else if (fixes && fixes.length > 0) finding.fixes = fixes;
    sink.push(finding);
  };
}

/** Span of the pair's key, for findings about a missing or misplaced value. */
export function keySpan(map: YNode | undefined, key: string): Span | undefined {
  return getPair(map, key)?.key.span;
}

/** Where to point when `key` is missing from `map`: the closest existing ancestor key, else the fallback. */
export function missingSpan(root: YMap, path: string[], fallback: Span): Span {
  let node: YNode | undefined = root;
  let best = fallback;
  for (const k of path) {
    const pair = getPair(node, k);
    if (!pair) break;
    best = pair.key.span;
    node = pair.value;
  }
  return best;
}

export function hasTemplateSyntax(node: YNode | undefined, text: string): boolean {
  if (!node) return false;
  const s = text.slice(node.span.start, node.span.end);
  return s.includes('{{') || s.includes('}}');
}

/** A Go-template control action (`{{- if … }}`, `{{ else }}`, `{{ end }}`, `{{ range … }}`, `{{ with … }}`). */
const CONTROL_ACTION = /\{\{-?\s*(?:if|else|end|range|with|define|block)\b/;

/**
 * True in a Helm template when a control action lies between two spans: the two nodes may sit in different
 * branches of an `if` / `else` (or be generated separately), so one may never be rendered with the other.
 * Checks that compare two nodes (duplicates, shadowing) must not report such pairs.
 */
export function mayBeAlternatives(ctx: { isTemplate: boolean; file: ParsedFile }, a: Span, b: Span): boolean {
  if (!ctx.isTemplate) return false;
  const start = Math.min(a.end, b.end);
  const end = Math.max(a.start, b.start);
  return start < end && CONTROL_ACTION.test(ctx.file.text.slice(start, end));
}

/** Container and init-container entries of a pod spec, with where they sit. */
export function containersOf(podSpec: YNode | undefined): { node: YMap; kind: 'container' | 'init container'; name: string }[] {
  const out: { node: YMap; kind: 'container' | 'init container'; name: string }[] = [];
  for (const [key, kind] of [['initContainers', 'init container'], ['containers', 'container']] as const) {
    const seq = getPath(podSpec, key);
    if (seq?.kind !== 'seq') continue;
    for (const item of seq.items) {
      const m = asMap(item);
      if (m) out.push({ node: m, kind, name: scalarText(getPath(m, 'name')) ?? '' });
    }
  }
  return out;
}

/** One check: a named function over one StatefulSet. A throwing check is contained by rules/index.ts. */
export interface StatefulSetCheck {
  name: string;
  run(ctx: StatefulSetContext): void;
}
