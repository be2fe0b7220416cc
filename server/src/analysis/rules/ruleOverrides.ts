// Reads rule severity overrides as the CLI and config files write them (`no-pod-anti-affinity=off`, or a
// `{ "rules": { id: severity } }` object) into AnalysisSettings.rules, with messages naming the nearest id.
import type { Severity } from '../model';
import { nearestValue } from './nearestValue';
import { isRuleId, RULES } from './ruleTable';

export type RuleSetting = Severity | 'off';
const LEVELS: readonly RuleSetting[] = ['off', 'hint', 'information', 'warning', 'error'];

/** Validates one `id` → `level` pair; returns an error message (with a suggestion) or the typed pair. */
export function readRuleOverride(id: string, level: string): { id: string; level: RuleSetting } | { error: string } {
  if (!isRuleId(id)) {
    const near = nearestValue(id, RULES.map((r) => r.id));
    return { error: `Unknown rule id "${id}".${near ? ` Did you mean "${near}"?` : ' See docs/rules.md for the rule ids.'}` };
  }
  const normalized = level.trim().toLowerCase() === 'info' ? 'information' : level.trim().toLowerCase();
  if (!LEVELS.includes(normalized as RuleSetting)) {
    return { error: `Unknown severity "${level}" for rule ${id}: use one of ${LEVELS.join(', ')}.` };
  }
  return { id, level: normalized as RuleSetting };
}

/** Parses a `--rule id=severity` flag value. */
export function parseRuleFlag(flag: string): { id: string; level: RuleSetting } | { error: string } {
  const eq = flag.indexOf('=');
  if (eq <= 0) return { error: `Expected --rule <rule-id>=<severity>, got "${flag}".` };
  return readRuleOverride(flag.slice(0, eq).trim(), flag.slice(eq + 1));
}

/** Reads a config file's `rules` object; unknown ids and severities come back as errors, the rest as settings. */
export function readRulesConfig(value: unknown): { rules: Record<string, RuleSetting>; errors: string[] } {
  const rules: Record<string, RuleSetting> = {};
  const errors: string[] = [];
  if (value === undefined || value === null) return { rules, errors };
  if (typeof value !== 'object' || Array.isArray(value)) return { rules, errors: ['"rules" must be an object of rule id → severity.'] };
  for (const [id, level] of Object.entries(value as Record<string, unknown>)) {
    const r = typeof level === 'string' ? readRuleOverride(id, level) : { error: `The severity of rule ${id} must be a string.` };
    if ('error' in r) errors.push(r.error);
    else rules[r.id] = r.level;
  }
  return { rules, errors };
}
