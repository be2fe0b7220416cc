// The only module that imports yaml-language-server: the engine loads it lazily through `import()` so the
// ~300 ms it costs to evaluate (Ajv meta-schemas) stays out of `initialize`. Nothing else belongs here.
export { getLanguageService } from 'yaml-language-server';
export { yamlDocumentsCache } from 'yaml-language-server/out/src/languageservice/parser/yaml-documents.js';
