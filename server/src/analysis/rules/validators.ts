// Kubernetes value validators (names, labels, quantities, percents) reimplemented from apimachinery, since the
// OpenAPI carries no patterns. Each returns the reasons a value is invalid (empty when valid), worded as the
// API server words them. Pure string functions: no YAML nodes here.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const PERCENT = /^[0-9]+%$/;

export const DNS1123_LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
export const DNS1123_SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
export const DNS1035_LABEL_MESSAGE =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
export const LABEL_VALUE_MESSAGE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
export const QUALIFIED_NAME_MESSAGE =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** Reasons `value` is not a DNS-1123 label (≤ 63 characters, lowercase alphanumerics and '-'). */
export function dns1123LabelErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!DNS1123_LABEL.test(value)) {
    // The API server says "must not contain dots" when the value would have been a valid subdomain.
    if (value.length <= 253 && DNS1123_SUBDOMAIN.test(value)) errs.push('must not contain dots');
    else errs.push(DNS1123_LABEL_MESSAGE);
  }
  return errs;
}

/** Reasons `value` is not a DNS-1123 subdomain (≤ 253 characters, dot-separated labels). */
export function dns1123SubdomainErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(value)) errs.push(DNS1123_SUBDOMAIN_MESSAGE);
  return errs;
}

/** Reasons `value` is not a DNS-1035 label (a DNS-1123 label that starts with a letter). */
export function dns1035LabelErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!DNS1035_LABEL.test(value)) errs.push(DNS1035_LABEL_MESSAGE);
  return errs;
}

/** Reasons `value` is not a valid label value (≤ 63, may be empty). */
export function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_VALUE.test(value)) errs.push(LABEL_VALUE_MESSAGE);
  return errs;
}

/** Reasons `key` is not a valid label key: `[prefix/]name`, prefix a DNS-1123 subdomain, name ≤ 63. */
export function labelKeyErrors(key: string): string[] {
  const parts = key.split('/');
  let name = key;
  const errs: string[] = [];
  if (parts.length === 2) {
    const [prefix, n] = parts;
    name = n;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else for (const e of dns1123SubdomainErrors(prefix)) errs.push(`prefix part ${e}`);
  } else if (parts.length > 2) {
    return ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, with an optional DNS subdomain prefix and '/'"];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else {
    if (name.length > 63) errs.push('name part must be no more than 63 characters');
    if (!QUALIFIED_NAME.test(name)) errs.push(QUALIFIED_NAME_MESSAGE);
  }
  return errs;
}

export function isPercentString(value: string): boolean {
  return PERCENT.test(value);
}

/** The result of reading a Kubernetes quantity such as `10Mi`, `1.5G`, `500m` or `1e3`. */
export interface ParsedQuantity {
  /** The approximate value in base units (bytes for storage). */
  value: number;
}

const QUANTITY = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;
const SUFFIX_FACTOR: Record<string, number> = {
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
};

/** Parses a quantity with Kubernetes' syntax (resource.ParseQuantity); undefined when it is not one. */
export function parseQuantity(text: string): ParsedQuantity | undefined {
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [, sign, digits, suffix = ''] = m;
  let factor: number;
  if (suffix.startsWith('e') || suffix.startsWith('E')) factor = 10 ** Number(suffix.slice(1));
  else factor = SUFFIX_FACTOR[suffix];
  const value = Number(digits) * factor * (sign === '-' ? -1 : 1);
  return { value };
}

/** A rough repair of a name into a DNS-1123 label, used to propose a value in messages; undefined if hopeless. */
export function suggestDnsLabel(value: string): string | undefined {
  const s = value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/g, '');
  return s.length > 0 && s !== value ? s : undefined;
}
