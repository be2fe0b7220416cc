// Stands in for Red Hat's YAML extension in the in-editor tests (test/vscode/besideRedHatYaml): registered under
// its id (redhat.vscode-yaml), it does what that extension does, a language client for yaml-language-server, with
// the repository's bundled Kubernetes schema instead of one downloaded, and no schema store (no network).
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

const repoRoot = path.resolve(__dirname, '../../..');
let client;

exports.activate = async function activate() {
  const serverModule = path.join(repoRoot, 'node_modules/yaml-language-server/out/src/server.js');
  const schema = pathToFileURL(path.join(repoRoot, 'server/schemas/k8s-statefulset-lens.schema.json')).href;
  const yamlSettings = {
    schemas: { [schema]: ['*.yaml', '*.yml'] },
    validate: true,
    hover: true,
    completion: true,
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
  };
  client = new LanguageClient(
    'redHatYamlStandIn',
    'YAML (stand-in)',
    { run: { module: serverModule, transport: TransportKind.ipc }, debug: { module: serverModule, transport: TransportKind.ipc } },
    {
      documentSelector: [{ language: 'yaml' }],
      middleware: {
        workspace: {
          // yaml-language-server pulls `yaml`, `http`, `[yaml]` and `editor`; the settings are this file's own.
          configuration: (params) => params.items.map((item) => (item.section === 'yaml' ? yamlSettings : item.section === 'editor' ? { tabSize: 2 } : null)),
        },
      },
    },
  );
  await client.start();
};

exports.deactivate = () => client?.stop();
