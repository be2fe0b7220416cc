// Whole-corpus analysis time: every manifest of ../shared/corpus parsed and analysed in one workspace
// (parse + identities + rules), in this process, from the analysis bundled for the occasion.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';

export async function corpusTimes(root, runs) {
  const corpus = path.resolve(root, '../shared/corpus');
  if (!existsSync(corpus)) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'sts-lens-bench-'));
  try {
    const out = path.join(dir, 'analysis.cjs');
    // jsonc-parser's UMD build requires its parts at run time: its ESM build bundles (as scripts/build.mjs does).
    await esbuild.build({ entryPoints: [path.join(root, 'server/src/analysis/index.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'error', mainFields: ['module', 'main'] });
    const { ManifestWorkspace, DEFAULT_ANALYSIS_SETTINGS } = await import(out);
    const files = readdirSync(corpus).filter((f) => /\.ya?ml$/.test(f)).map((f) => [`file://${path.join(corpus, f)}`, readFileSync(path.join(corpus, f), 'utf8')]);
    const times = [];
    let findings = 0;
    for (let run = 0; run < runs; run++) {
      const t = performance.now();
      const ws = new ManifestWorkspace();
      for (const [uri, text] of files) ws.setFile(uri, text);
      findings = 0;
      for (const [uri] of files) findings += ws.analyzeFile(uri, DEFAULT_ANALYSIS_SETTINGS).findings.length;
      times.push(performance.now() - t);
    }
    return { files: files.length, bytes: files.reduce((n, [, t]) => n + t.length, 0), times, findings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
