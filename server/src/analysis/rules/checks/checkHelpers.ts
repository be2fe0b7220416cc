// Small readers shared by the check modules: whole numbers with their problems, enum values with the
// nearest valid spelling, and quoting for messages. No reporting and no rule ids here.
import type { YNode } from '../../model';
import { asScalar } from '../../yamlTree';
import { nearestValue } from '../nearestValue';

export type IntReading =
  | { kind: 'int'; value: number }
  /** Present but not a whole number: `text` is how the manifest writes it. */
  | { kind: 'bad'; text: string; why: string };

/** Reads an integer field; undefined when absent, null or templated (`skip` true). */
export function readInt(node: YNode | undefined, skip: boolean): IntReading | undefined {
  if (!node || skip) return undefined;
  const s = asScalar(node);
  if (!s) return { kind: 'bad', text: node.kind === 'map' ? 'a mapping' : 'a list', why: 'is not a number' };
  if (s.value === null) return undefined;
  if (typeof s.value === 'number') {
    if (Number.isInteger(s.value)) return { kind: 'int', value: s.value };
    return { kind: 'bad', text: s.source, why: 'is not a whole number' };
  }
  if (typeof s.value === 'string') return { kind: 'bad', text: JSON.stringify(s.value), why: 'is a string, not a number' };
  return { kind: 'bad', text: String(s.value), why: 'is not a number' };
}

/** `"Foo"`, quoted the way the API server quotes strings in errors. */
export function q(value: string): string {
  return JSON.stringify(value);
}

/** `"A", "B"` */
export function qList(values: readonly string[]): string {
  return values.map(q).join(', ');
}

/** ` Did you mean "Parallel"?` or '' when no valid value is close. */
export function didYouMean(value: string, valid: readonly string[]): string {
  const n = nearestValue(value, valid);
  return n !== undefined && n !== value ? ` Did you mean ${q(n)}?` : '';
}

/** The highest ordinal the StatefulSet creates (start + replicas - 1), at least start. */
export function highestOrdinal(start: number, replicas: number): number {
  return start + Math.max(replicas, 1) - 1;
}

/** Plain scalars that YAML 1.1 resolves to booleans, though YAML 1.2 (and so this parser) reads them as strings. */
const YAML11_BOOLEANS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/**
 * True for an unquoted `yes`, `no`, `on`, `off`, `y` or `n`: kubectl and the API server read manifests with
 * go-yaml's YAML 1.1 rules, so where a string is required (label values) such a value is a boolean and rejected.
 */
export function isYaml11Boolean(text: string, node: YNode | undefined): boolean {
  const s = asScalar(node);
  if (!s || typeof s.value !== 'string' || !YAML11_BOOLEANS.test(s.value)) return false;
  return text.slice(s.span.start, s.span.end) === s.value;
}
