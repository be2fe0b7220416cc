// Rule options of the command line: `--rule id=severity` flags and a JSON config file, merged into the
// analysis settings (config first, flags last). Reads the config file; every value is validated, and unknown
// rule ids are refused with the nearest known id suggested.
import { readFileSync } from 'node:fs';
import type { AnalysisSettings, Severity } from '../analysis/index';
import { parseRuleFlag, readRulesConfig } from '../analysis/rules/ruleOverrides';

/** Applies the config file to `settings` and returns the merged rule severities; `fail` builds the usage error. */
export function cliRuleSeverities(ruleArgs: string[], configFile: string | undefined, settings: AnalysisSettings, fail: (msg: string) => Error): Record<string, Severity | 'off'> {
  const severities: Record<string, Severity | 'off'> = {};
  if (configFile) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(configFile, 'utf8'));
    } catch (err) {
      throw fail(`cannot read config file ${configFile}: ${(err as Error).message}`);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw fail(`config file ${configFile} must hold a JSON object`);
    const cfg = raw as Record<string, unknown>;
    const { rules, errors } = readRulesConfig(cfg.rules);
    if (errors.length) throw fail(`config file ${configFile}: ${errors.join(' ')}`);
    Object.assign(severities, rules);
    for (const key of ['clusterDomain', 'defaultNamespace', 'kubernetesVersion'] as const) {
      const v = cfg[key];
      if (v === undefined) continue;
      if (typeof v !== 'string' || !v || (key === 'kubernetesVersion' && !/^1\.\d+$/.test(v))) {
        throw fail(`config file ${configFile}: "${key}" must be ${key === 'kubernetesVersion' ? 'a version like "1.35"' : 'a non-empty string'}`);
      }
      settings[key] = v;
    }
  }
  for (const arg of ruleArgs) {
    const r = parseRuleFlag(arg);
    if ('error' in r) throw fail(r.error);
    severities[r.id] = r.level;
  }
  return severities;
}
