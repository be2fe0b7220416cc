// A micro-measure of the language server's diagnostics path on a file of N Service + StatefulSet pairs (the
// bench's generated file), in one process: open (parse, analysis, schema, LSP diagnostics), then edits of one
// replicas value (re-parse, re-analysis, diagnostics again). Medians of several runs; not a test, no budget.
//
//   node scripts/generateValidator.mjs && node --import tsx scripts/measureEditPath.ts [pairs] [runs] [edits]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ANALYSIS_SETTINGS, ManifestWorkspace } from '../server/src/analysis/index';
import { findingToDiagnostic } from '../server/src/features/diagnostics';
import { spanToRange } from '../server/src/features/ranges';
import { createSchemaValidator, withoutFindingDuplicates } from '../server/src/schema/schemaValidation';

const root = path.resolve(__dirname, '..');

function generate(pairs: number): string {
  const example = readFileSync(path.join(root, 'examples/random-generator.yaml'), 'utf8');
  const one = example.replace(/^#.*\n/gm, '').split(/\n---\n/).slice(0, 2).join('\n---\n');
  const docs = Array.from({ length: pairs }, (_, i) => one.replace(/random-generator/g, `random-generator-${i}`).replace(/name: rg\b/, `name: rg-${i}`));
  return `${docs.join('\n---\n')}\n`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  const pairs = Number(process.argv[2] ?? 1000);
  const runs = Number(process.argv[3] ?? 5);
  const edits = Number(process.argv[4] ?? 3);
  const text = generate(pairs);
  const uri = 'file:///bench/generated.yaml';
  const settings = DEFAULT_ANALYSIS_SETTINGS;
  const times: Record<string, number[]> = {};
  const time = <T>(name: string, fn: () => T): T => {
    const t = performance.now();
    const r = fn();
    (times[name] ??= []).push(performance.now() - t);
    return r;
  };
  for (let run = 0; run < runs; run++) {
    const ws = new ManifestWorkspace();
    const schema = createSchemaValidator();
    const diagnostics = (label: string) => {
      const file = ws.getFile(uri)!;
      const analysis = time(`${label} analyzeFile`, () => ws.analyzeFile(uri, settings));
      const items = time(`${label} findings→LSP`, () => analysis.findings.filter((f) => f.uri === uri).map((f) => findingToDiagnostic(file, f, 'file:///docs/rules.md')));
      time(`${label} schema`, () => {
        for (const d of withoutFindingDuplicates(schema.validateFile(file), analysis.findings)) items.push({ range: spanToRange(file.text, d.span), message: d.message });
      });
      return items.length;
    };
    time('open setFile', () => ws.setFile(uri, text));
    const count = diagnostics('open');
    let current = text;
    for (let e = 0; e < edits; e++) {
      const at = current.lastIndexOf('  replicas: ') + '  replicas: '.length;
      const end = current.indexOf('\n', at);
      current = `${current.slice(0, at)}${(e % 7) + 3}${current.slice(end)}`;
      time('edit setFile', () => ws.setFile(uri, current));
      diagnostics('edit');
    }
    if (run === 0) console.log(`${pairs} pairs, ${text.length} chars, ${count} diagnostics`);
  }
  for (const [name, xs] of Object.entries(times)) console.log(`${name.padEnd(22)} ${median(xs).toFixed(1).padStart(8)} ms`);
}

main();
