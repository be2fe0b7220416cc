#!/usr/bin/env node
// The `statefulset-lens` command line: `preview` prints what StatefulSets will produce, `check` prints findings
// for CI. It reads files and folders into one ManifestWorkspace (so Services resolve across files) and prints;
// all reasoning lives in the pure analysis. Exit codes: 0 ok, 1 error findings (check), 2 usage or input errors.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace, type AnalysisSettings } from './analysis/index';
import { painter, previewJson, renderFindingsText, renderPreviewText, spanJson } from './cliOutput';
import { cliRuleSeverities } from './cliRules';
import { buildSarifLog } from './sarif';

const VERSION = '0.1.0';

const HELP = `statefulset-lens ${VERSION} — see what a Kubernetes StatefulSet will produce, and catch its mistakes.

Usage:
  statefulset-lens preview <file|dir>... [options]   pods, DNS names, PVCs, ordering, updates, retention
  statefulset-lens check   <file|dir>... [options]   findings as path:line:col severity rule-id message
  statefulset-lens --help | --version

Folders are searched recursively for *.yaml and *.yml files (node_modules and .git are skipped). All files
given are read together, so a StatefulSet finds its headless Service in another file.

Options:
  --format text|json|sarif   output format (default text; sarif is for check only)
  --cluster-domain DOMAIN    cluster DNS domain (default cluster.local)
  --namespace NAMESPACE      namespace of resources that name none (default default)
  --kubernetes-version X.Y   target Kubernetes version for version-dependent rules (default 1.35)
  --rule ID=SEVERITY         set a rule's severity: off, hint, information, warning or error (repeatable)
  --config FILE              JSON file: {"rules": {"ID": "SEVERITY"}, "clusterDomain": …, "kubernetesVersion": …}
  --no-color                 never colour the output (colour is used only on a terminal)

Exit status:
  0  no error-level findings (check) or preview printed
  1  check found at least one error-level finding
  2  bad usage, or a file or folder that cannot be read

Examples:
  statefulset-lens preview examples/random-generator.yaml
  statefulset-lens check k8s/ --format sarif > statefulset-lens.sarif
`;

class UsageError extends Error {}

interface Options {
  command: 'preview' | 'check';
  inputs: string[];
  format: 'text' | 'json' | 'sarif';
  color: boolean;
  settings: AnalysisSettings;
}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return 'help';
  if (argv.includes('--version') || argv.includes('-v')) return 'version';
  const [command, ...rest] = argv;
  if (command !== 'preview' && command !== 'check') throw new UsageError(`unknown command '${command}': use 'preview' or 'check' (see --help)`);
  const settings: AnalysisSettings = { ...DEFAULT_ANALYSIS_SETTINGS, rules: {} };
  const ruleArgs: string[] = [];
  let configFile: string | undefined;
  let format: Options['format'] = 'text';
  let color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  const inputs: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (arg.startsWith('--') && eq > 0) return arg.slice(eq + 1);
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not '${f}'`);
        if (f === 'sarif' && command !== 'check') throw new UsageError('--format sarif is available for check only');
        format = f;
        break;
      }
      case '--cluster-domain':
        settings.clusterDomain = value().replace(/^\.+|\.+$/g, '');
        if (!settings.clusterDomain) throw new UsageError('--cluster-domain must not be empty');
        break;
      case '--namespace':
        settings.defaultNamespace = value();
        if (!settings.defaultNamespace) throw new UsageError('--namespace must not be empty');
        break;
      case '--kubernetes-version': {
        const v = value();
        if (!/^1\.\d+$/.test(v)) throw new UsageError(`--kubernetes-version must look like 1.35, not '${v}'`);
        settings.kubernetesVersion = v;
        break;
      }
      case '--rule':
        ruleArgs.push(value());
        break;
      case '--config':
        configFile = value();
        break;
      case '--no-color':
        color = false;
        break;
      case '--color':
        color = true;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}' (see --help)`);
        inputs.push(arg);
    }
  }
  if (inputs.length === 0) throw new UsageError(`${command} needs at least one file or folder`);
  const rules = cliRuleSeverities(ruleArgs, configFile, settings, (msg) => new UsageError(msg));
  return { command, inputs, format, color, settings: { ...settings, rules } };
}

/** Expands files and folders into YAML file paths; throws a UsageError naming the first unreadable input. */
function collectFiles(inputs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch (err) {
      throw new InputError(`cannot read folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    for (const name of entries) {
      if (name === 'node_modules' || name === '.git') continue;
      const p = path.join(dir, name);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue; // a dangling symlink inside a folder is not an input the user named
      }
      if (st.isDirectory()) walk(p);
      else if (/\.ya?ml$/i.test(name)) out.push(p);
    }
  };
  for (const input of inputs) {
    let st;
    try {
      st = statSync(input);
    } catch (err) {
      throw new InputError(`cannot read ${input}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (err as Error).message}`);
    }
    if (st.isDirectory()) walk(input);
    else out.push(input);
  }
  return [...new Set(out)];
}

class InputError extends Error {}

function loadWorkspace(files: string[]): ManifestWorkspace {
  const ws = new ManifestWorkspace();
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (err) {
      throw new InputError(`cannot read ${f}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    ws.setFile(f, text);
  }
  return ws;
}

function main(argv: string[]): number {
  let opts: Options | 'help' | 'version';
  try {
    opts = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`statefulset-lens: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (opts === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (opts === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  let ws: ManifestWorkspace;
  let files: string[];
  try {
    files = collectFiles(opts.inputs);
    ws = loadWorkspace(files);
  } catch (err) {
    if (err instanceof InputError || err instanceof UsageError) {
      process.stderr.write(`statefulset-lens: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const paint = painter(opts.color);
  const analyses = files.map((f) => ws.analyzeFile(f, opts.settings));
  if (opts.command === 'preview') {
    const ids = analyses.flatMap((a) => a.identities);
    if (opts.format === 'json') process.stdout.write(JSON.stringify(previewJson(ws, ids), null, 2) + '\n');
    else process.stdout.write(renderPreviewText(ws, ids, paint) + '\n');
    return 0;
  }
  const findings = analyses.flatMap((a) => a.findings);
  if (opts.format === 'json') {
    const out = findings.map((f) => ({ file: f.uri, ...spanJson(ws, f.uri, f.span), severity: f.severity, rule: f.ruleId, message: f.message }));
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else if (opts.format === 'sarif') {
    const log = buildSarifLog(
      analyses.map((a) => ({ uri: a.uri, text: ws.getFile(a.uri)?.text ?? '', findings: a.findings })),
      { baseUri: process.cwd(), toolVersion: VERSION },
    );
    process.stdout.write(JSON.stringify(log, null, 2) + '\n');
  } else if (findings.length) {
    process.stdout.write(renderFindingsText(ws, findings, paint) + '\n');
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (opts.format === 'text') {
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    process.stderr.write(`${files.length} file${files.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${findings.length - errors - warnings} other\n`);
  }
  return errors > 0 ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`statefulset-lens: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exitCode = 2;
}
