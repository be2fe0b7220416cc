// esbuild plugin for every bundle: the `yaml` package's Parser reads `process.env.LOG_TOKENS` (a debugging switch
// that prints each token) once per lexical token. Reading process.env is a call into Node's environment each
// time, and a manifest of 1.2 MB (1000 Service + StatefulSet pairs) has 347,000 tokens: a third of the parser's
// time (CST parse of that file 716 -> 477 ms, medians of ten fresh processes). The bundles read the switch once,
// when the parser module is loaded; setting it still prints the tokens (test/cli/yamlTokenLog.test.ts).
// The build fails if the library's text no longer matches.
import { readFile } from 'node:fs/promises';

const FILE = /[\\/]yaml[\\/]dist[\\/]parse[\\/]parser\.js$/;
const PER_TOKEN = 'if (node_process.env.LOG_TOKENS)';
const IMPORT = "var node_process = require('process');\n";

export const yamlTokenLog = {
  name: 'yaml-token-log',
  setup(build) {
    build.onLoad({ filter: FILE }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      for (const expected of [PER_TOKEN, IMPORT]) {
        if (text.split(expected).length !== 2) throw new Error(`${args.path}: ${JSON.stringify(expected)} not found once; update scripts/build/yamlTokenLog.mjs for this yaml version`);
      }
      return { contents: text.replace(IMPORT, `${IMPORT}const LOG_TOKENS = node_process.env.LOG_TOKENS;\n`).replace(PER_TOKEN, 'if (LOG_TOKENS)'), loader: 'js' };
    });
  },
};
