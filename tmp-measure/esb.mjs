import * as esbuild from 'esbuild';
await esbuild.build({ entryPoints: ['tmp-measure/edit.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: 'tmp-measure/edit.cjs', logLevel: 'error' });
