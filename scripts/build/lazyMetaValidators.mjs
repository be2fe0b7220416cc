// esbuild plugin for the language server bundle: yaml-language-server 2.0.0 compiles ajv validators for four
// JSON-schema meta-schemas (draft-04, 07, 2019-09, 2020-12) when its module is evaluated, to check the schemas
// it is given; that costs about 6 MB and 120 ms on every load. The bundle compiles each one the first time a
// schema of that draft is checked instead (the bundled schema is served without `$schema`, so none is).
// The build fails if the library's text no longer matches, rather than bundling it unchanged.
import { readFile } from 'node:fs/promises';

const FILE = /yaml-language-server[\\/]out[\\/]src[\\/]languageservice[\\/]services[\\/]yamlSchemaService\.js$/;
const DRAFTS = [['schema04Validator', 'ajv4'], ['schema07Validator', 'ajv7'], ['schema2019Validator', 'ajv2019'], ['schema2020Validator', 'ajv2020']];

export const lazyMetaValidators = {
  name: 'lazy-meta-validators',
  setup(build) {
    build.onLoad({ filter: FILE }, async (args) => {
      let text = await readFile(args.path, 'utf8');
      for (const [validator, ajv] of DRAFTS) {
        const eager = `const ${validator} = getDefaultMetaSchemaValidator(${ajv});`;
        const use = `return ${validator};`;
        if (text.split(eager).length !== 2 || text.split(use).length !== 2) {
          throw new Error(`${args.path}: "${eager}" or "${use}" not found once; update scripts/build/lazyMetaValidators.mjs for this yaml-language-server version`);
        }
        text = text.replace(eager, `let ${validator};`).replace(use, `return (${validator} ??= getDefaultMetaSchemaValidator(${ajv}));`);
      }
      return { contents: text, loader: 'js' };
    });
  },
};
