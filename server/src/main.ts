// Process entry of the language server (dist/server.js): picks the transport from the command line
// (`--stdio`, `--node-ipc`, `--socket=N`), sends console output to the client instead of stdout (stdout is the
// protocol with --stdio), keeps the process alive through unexpected errors, and starts the server.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { SCHEMA_FILE_NAME } from './yaml/yamlEngine';

declare const STATEFULSET_LENS_VERSION: string | undefined;

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe', '--clientProcessId'];
if (!process.argv.some((a) => TRANSPORTS.some((t) => a === t || a.startsWith(`${t}=`)))) {
  process.stderr.write('usage: node server.js --stdio | --node-ipc | --socket=<port>\n');
  process.exit(2);
}

const connection = createConnection(ProposedFeatures.all);

// yaml-language-server and any dependency may log; with --stdio a stray line on stdout corrupts the protocol.
console.log = (...args: unknown[]) => connection.console.log(format(...args));
console.info = (...args: unknown[]) => connection.console.info(format(...args));
console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
console.error = (...args: unknown[]) => connection.console.error(format(...args));
console.debug = (...args: unknown[]) => connection.console.log(format(...args));
process.on('uncaughtException', (err) => connection.console.error(`uncaught: ${err?.stack ?? String(err)}`));
process.on('unhandledRejection', (err) => connection.console.error(`unhandled rejection: ${(err as Error)?.stack ?? String(err)}`));

// The bundle ships the schema next to itself; running from a checkout without a build finds the source copy.
const schemaPath = [path.join(__dirname, SCHEMA_FILE_NAME), path.join(__dirname, '../server/schemas', SCHEMA_FILE_NAME), path.join(__dirname, '../schemas', SCHEMA_FILE_NAME)]
  .find((p) => existsSync(p)) ?? path.join(__dirname, SCHEMA_FILE_NAME);

startServer(connection, {
  schemaPath,
  rulesDocUri: pathToFileURL(path.resolve(__dirname, '../docs/rules.md')).href,
  version: typeof STATEFULSET_LENS_VERSION === 'string' ? STATEFULSET_LENS_VERSION : '0.1.0',
});
connection.listen();
