import { readFileSync } from 'node:fs';
import { ManifestWorkspace, DEFAULT_ANALYSIS_SETTINGS } from '../server/src/analysis/index';
const example = readFileSync('examples/random-generator.yaml', 'utf8');
function generate(pairs: number) {
  const docs = [];
  for (let i = 0; i < pairs; i++) {
    const one = example.replace(/^#.*\n/gm, '').split(/\n---\n/).slice(0, 2).join('\n---\n');
    docs.push(one.replace(/random-generator/g, `random-generator-${i}`).replace(/name: rg\b/, `name: rg-${i}`));
  }
  return docs.join('\n---\n');
}
let text = generate(1000);
const ws = new ManifestWorkspace(); ws.setFile('file:///a.yaml', text); ws.analyzeFile('file:///a.yaml', DEFAULT_ANALYSIS_SETTINGS);
for (let r = 0; r < 15; r++) {
  const at = text.lastIndexOf('replicas: ') + 10;
  text = text.slice(0, at) + String(r + 10) + text.slice(text.indexOf('\n', at));
  let t = performance.now(); ws.setFile('file:///a.yaml', text); const tp = performance.now() - t;
  t = performance.now(); const a = ws.analyzeFile('file:///a.yaml', DEFAULT_ANALYSIS_SETTINGS); const ta = performance.now() - t;
  console.log({ tp, ta, docs: ws.documentParseCount, checks: ws.statefulSetCheckCount });
}
