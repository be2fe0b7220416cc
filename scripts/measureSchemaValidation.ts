// A micro-measure of schema diagnostics on a file of N Service + StatefulSet pairs (like `npm run bench`'s
// generated file), in one process: the analysis' parse, schema validation of that parse (cold, then a pull
// with nothing changed), and, for comparison, yaml-language-server's own validation of the same text (what
// the server did before: a second parse of the whole file). Medians of several runs; not a test, no budget.
//
//   node scripts/generateValidator.mjs && node --import tsx scripts/measureSchemaValidation.ts [pairs...]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseFile } from '../server/src/analysis/index';
import { createSchemaValidator } from '../server/src/schema/schemaValidation';
import { SCHEMA_URI } from '../server/src/yaml/yamlEngine';
import { getLanguageService } from '../server/src/yaml/ylsEntry';

const root = path.resolve(__dirname, '..');
const RUNS = 9;

function generate(pairs: number): string {
  const example = readFileSync(path.join(root, 'examples/random-generator.yaml'), 'utf8');
  const one = example.replace(/^#.*\n/gm, '').split(/\n---\n/).slice(0, 2).join('\n---\n');
  return Array.from({ length: pairs }, (_, i) => one.replace(/random-generator/g, `random-generator-${i}`).replace(/name: rg\b/, `name: rg-${i}`)).join('\n---\n');
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

async function main(): Promise<void> {
  const schemaText = readFileSync(path.join(root, 'server/schemas/k8s-statefulset-lens.schema.json'), 'utf8');
  const yls = getLanguageService({
    schemaRequestService: async () => schemaText,
    workspaceContext: { resolveRelativePath: (p: string, r: string) => new URL(p, r).toString() },
    yamlSettings: { locale: 'en' } as never,
  } as never);
  yls.configure({ validate: true, isKubernetes: false, yamlVersion: '1.2', customTags: [], schemas: [{ uri: SCHEMA_URI, fileMatch: ['*'] }] });
  const counts = process.argv.slice(2).map(Number).filter((n) => n > 0);
  console.log('| pairs | parse | schema, cold | schema, unchanged parse | yaml-language-server validation |');
  console.log('|---|---|---|---|---|');
  for (const pairs of counts.length ? counts : [1, 100, 1000]) {
    const text = generate(pairs).replace('replicas: 2', 'replicas: "2"');
    const parse: number[] = [];
    const cold: number[] = [];
    const warm: number[] = [];
    const theirs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      let t = performance.now();
      const file = parseFile('file:///m/generated.yaml', text);
      parse.push(performance.now() - t);
      const validator = createSchemaValidator();
      t = performance.now();
      const found = validator.validateFile(file).length;
      cold.push(performance.now() - t);
      t = performance.now();
      validator.validateFile(file);
      warm.push(performance.now() - t);
      t = performance.now();
      const ylsFound = (await yls.doValidation(TextDocument.create(`file:///m/generated-${pairs}-${run}.yaml`, 'yaml', 1, text), false)).filter((d) => String(d.source).startsWith('yaml-schema')).length;
      theirs.push(performance.now() - t);
      if (found !== 1 || ylsFound !== 1) throw new Error(`expected one schema problem, got ${found} (ajv) and ${ylsFound} (yaml-language-server)`);
    }
    const ms = (xs: number[]) => `${median(xs).toFixed(1)} ms`;
    console.log(`| ${pairs} (${Math.round(text.length / 1024)} KB) | ${ms(parse)} | ${ms(cold)} | ${ms(warm)} | ${ms(theirs)} |`);
  }
}

void main();
