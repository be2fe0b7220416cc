// Reads a Kubernetes label selector (matchLabels + matchExpressions) from the YAML tree and evaluates it
// against a label map, so the checks can say which requirement fails. Nothing here reports findings.
import type { YNode, YScalar, Span } from '../model';
import { asMap, asSeq, getPair, getPath, scalarText } from '../yamlTree';

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
export const SELECTOR_OPERATORS: readonly SelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export interface SelectorRequirement {
  key: string;
  /** `=` for a matchLabels entry. */
  operator: SelectorOperator | '=' | string;
  values: string[];
  /** Where to point when this requirement fails: the matchLabels value or the expression's key. */
  span: Span;
  keySpan: Span;
  keyNode: YScalar | undefined;
}

export interface ParsedSelector {
  requirements: SelectorRequirement[];
  /** True when neither matchLabels nor matchExpressions has an entry. */
  empty: boolean;
}

/** Reads the requirements of a selector node; entries that are not readable are skipped. */
export function readSelector(node: YNode | undefined): ParsedSelector {
  const requirements: SelectorRequirement[] = [];
  let count = 0;
  const matchLabels = asMap(getPath(node, 'matchLabels'));
  for (const p of matchLabels?.pairs ?? []) {
    count++;
    const value = scalarText(p.value) ?? '';
    requirements.push({
      key: String(p.key.value),
      operator: '=',
      values: [value],
      span: p.value?.span ?? p.key.span,
      keySpan: p.key.span,
      keyNode: p.key,
    });
  }
  const exprs = asSeq(getPath(node, 'matchExpressions'));
  for (const item of exprs?.items ?? []) {
    count++;
    const keyNode = getPair(item, 'key')?.value;
    const key = scalarText(keyNode);
    if (key === undefined) continue;
    const operator = scalarText(getPath(item, 'operator')) ?? '';
    const values = (asSeq(getPath(item, 'values'))?.items ?? []).map((v) => scalarText(v) ?? '');
    requirements.push({
      key,
      operator,
      values,
      span: keyNode?.span ?? item.span,
      keySpan: keyNode?.span ?? item.span,
      keyNode: keyNode?.kind === 'scalar' ? keyNode : undefined,
    });
  }
  return { requirements, empty: count === 0 };
}

/** True when the labels satisfy the requirement (unknown operators never match). */
export function requirementMatches(req: SelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  switch (req.operator) {
    case '=':
      return has && labels[req.key] === req.values[0];
    case 'In':
      return has && req.values.includes(labels[req.key]);
    case 'NotIn':
      return !has || !req.values.includes(labels[req.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}

/** The first requirement the labels do not satisfy, or undefined when the selector selects them. */
export function firstUnmatched(selector: ParsedSelector, labels: Record<string, string>): SelectorRequirement | undefined {
  return selector.requirements.find((r) => !requirementMatches(r, labels));
}

/** `app=web`, `tier in (a, b)`, `!canary`: the requirement as kubectl's selector syntax writes it. */
export function describeRequirement(req: SelectorRequirement): string {
  switch (req.operator) {
    case '=':
      return `${req.key}=${req.values[0]}`;
    case 'In':
      return `${req.key} in (${req.values.join(', ')})`;
    case 'NotIn':
      return `${req.key} notin (${req.values.join(', ')})`;
    case 'Exists':
      return req.key;
    case 'DoesNotExist':
      return `!${req.key}`;
    default:
      return `${req.key} ${req.operator}`;
  }
}

/** Labels as `{"app":"web"}`, the way the API server prints them in errors. */
export function formatLabels(labels: Record<string, string>): string {
  return JSON.stringify(labels);
}
