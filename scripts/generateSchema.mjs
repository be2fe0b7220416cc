// Generates server/schemas/k8s-statefulset-lens.schema.json, the JSON schema the embedded yaml-language-server
// validates, completes and hovers with, from the Kubernetes 1.35 OpenAPI in ../shared/k8s-openapi. The output
// is committed so that a fresh clone needs nothing outside the repo; nothing here runs at extension run time.
//
//   node scripts/generateSchema.mjs [--openapi DIR] [--check]
//
// `--check` writes nothing and exits 1 when the committed file differs from what the OpenAPI gives.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_PATH = path.join(root, 'server/schemas/k8s-statefulset-lens.schema.json');

/** The kinds that get a schema, keyed by what a document must say in `kind` and `apiVersion`. */
const KINDS = [
  { kind: 'StatefulSet', apiVersion: 'apps/v1', ref: 'io.k8s.api.apps.v1.StatefulSet' },
  { kind: 'Service', apiVersion: 'v1', ref: 'io.k8s.api.core.v1.Service' },
  { kind: 'PersistentVolumeClaim', apiVersion: 'v1', ref: 'io.k8s.api.core.v1.PersistentVolumeClaim' },
];

// Values the apiserver enforces in Go validation although the OpenAPI types them as plain strings or integers.
// Each entry is (definition, property path inside it, keywords to merge). `items` addresses an array's items.
const TIGHTENINGS = [
  ['io.k8s.api.apps.v1.StatefulSetUpdateStrategy', ['type'], { enum: ['RollingUpdate', 'OnDelete'] }],
  ['io.k8s.api.apps.v1.StatefulSetSpec', ['podManagementPolicy'], { enum: ['OrderedReady', 'Parallel'] }],
  ['io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy', ['whenDeleted'], { enum: ['Retain', 'Delete'] }],
  ['io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy', ['whenScaled'], { enum: ['Retain', 'Delete'] }],
  ['io.k8s.api.apps.v1.StatefulSetSpec', ['replicas'], { minimum: 0 }],
  ['io.k8s.api.apps.v1.StatefulSetSpec', ['minReadySeconds'], { minimum: 0 }],
  ['io.k8s.api.apps.v1.StatefulSetSpec', ['revisionHistoryLimit'], { minimum: 0 }],
  ['io.k8s.api.apps.v1.RollingUpdateStatefulSetStrategy', ['partition'], { minimum: 0 }],
  ['io.k8s.api.apps.v1.StatefulSetOrdinals', ['start'], { minimum: 0 }],
  ['io.k8s.api.core.v1.PersistentVolumeClaimSpec', ['accessModes', 'items'], { enum: ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] }],
  ['io.k8s.api.core.v1.PersistentVolumeClaimSpec', ['volumeMode'], { enum: ['Filesystem', 'Block'] }],
  ['io.k8s.api.core.v1.ServicePort', ['protocol'], { enum: ['TCP', 'UDP', 'SCTP'] }],
  ['io.k8s.api.core.v1.ContainerPort', ['protocol'], { enum: ['TCP', 'UDP', 'SCTP'] }],
  ['io.k8s.api.core.v1.ServicePort', ['port'], { minimum: 1, maximum: 65535 }],
  ['io.k8s.api.core.v1.ContainerPort', ['containerPort'], { minimum: 1, maximum: 65535 }],
  ['io.k8s.api.core.v1.ServiceSpec', ['type'], { enum: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] }],
  ['io.k8s.api.core.v1.ServiceSpec', ['sessionAffinity'], { enum: ['ClientIP', 'None'] }],
  ['io.k8s.api.core.v1.ServiceSpec', ['externalTrafficPolicy'], { enum: ['Cluster', 'Local'] }],
  ['io.k8s.api.core.v1.ServiceSpec', ['internalTrafficPolicy'], { enum: ['Cluster', 'Local'] }],
  ['io.k8s.api.core.v1.ServiceSpec', ['ipFamilyPolicy'], { enum: ['SingleStack', 'PreferDualStack', 'RequireDualStack'] }],
  ['io.k8s.api.core.v1.Container', ['imagePullPolicy'], { enum: ['Always', 'Never', 'IfNotPresent'] }],
  ['io.k8s.api.core.v1.PodSpec', ['restartPolicy'], { enum: ['Always', 'OnFailure', 'Never'] }],
];

// OpenAPI keywords that are not JSON Schema, or that only matter to the apiserver's merge logic.
const DROP = new Set(['x-kubernetes-group-version-kind', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys',
  'x-kubernetes-patch-merge-key', 'x-kubernetes-patch-strategy', 'x-kubernetes-map-type', 'x-kubernetes-unions',
  'discriminator', 'format']);

function loadOpenApi(dir) {
  const schemas = {};
  for (const f of ['api__v1_openapi.json', 'apis__apps__v1_openapi.json']) {
    Object.assign(schemas, JSON.parse(readFileSync(path.join(dir, f), 'utf8')).components.schemas);
  }
  return schemas;
}

/** Rewrites one OpenAPI schema object into draft-07 JSON Schema, collecting the definitions it refers to. */
function convert(node, seen, queue) {
  if (Array.isArray(node)) return node.map((n) => convert(n, seen, queue));
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (DROP.has(k)) continue;
    if (k === '$ref') {
      const name = v.replace('#/components/schemas/', '');
      if (!seen.has(name)) { seen.add(name); queue.push(name); }
      out.$ref = `#/definitions/${name}`;
    } else if (k === 'default') {
      // Empty objects, empty strings and zeros are Go zero values, not useful completions.
      if (typeof v === 'string' && v !== '') out.default = v;
      else if (typeof v === 'boolean') out.default = v;
    } else if (k === 'properties') {
      out.properties = {};
      for (const [p, s] of Object.entries(v)) out.properties[p] = convert(s, seen, queue);
    } else {
      out[k] = convert(v, seen, queue);
    }
  }
  // The apiserver rejects unknown fields under `kubectl apply --validate=strict` (the default since 1.27),
  // so an object with declared properties allows no others.
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

export function buildSchema(openapiDir) {
  const all = loadOpenApi(openapiDir);
  const seen = new Set(KINDS.map((k) => k.ref));
  const queue = [...seen];
  const definitions = {};
  while (queue.length) {
    const name = queue.shift();
    if (!all[name]) throw new Error(`OpenAPI has no schema ${name}`);
    definitions[name] = convert(all[name], seen, queue);
  }
  for (const [def, where, keywords] of TIGHTENINGS) {
    let target = definitions[def]?.properties;
    for (const step of where) target = target?.[step];
    if (!target) throw new Error(`cannot tighten ${def}.${where.join('.')}: not in the schema`);
    Object.assign(target, keywords);
  }
  // The root pins kind and apiVersion of each supported kind: a document of another kind (ConfigMap,
  // Deployment, a misspelled kind) gets no schema at all, so it never gets foreign errors.
  const when = ({ kind, apiVersion, ref }) => ({
    if: { type: 'object', required: ['kind', 'apiVersion'], properties: { kind: { const: kind }, apiVersion: { const: apiVersion } } },
    then: { $ref: `#/definitions/${ref}` },
  });
  const sorted = Object.fromEntries(Object.keys(definitions).sort().map((k) => [k, definitions[k]]));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: 'Generated by scripts/generateSchema.mjs from the Kubernetes 1.35 OpenAPI; do not edit by hand.',
    // `examples` rather than `enum`: an empty document completes apiVersion and kind, other kinds stay valid.
    properties: {
      apiVersion: { type: 'string', description: 'The versioned API group of the object.', examples: ['apps/v1', 'v1'] },
      kind: { type: 'string', description: 'The kind of Kubernetes object.', examples: KINDS.map((k) => k.kind) },
    },
    allOf: KINDS.map(when),
    definitions: sorted,
  };
}

function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf('--openapi');
  const dir = at >= 0 ? path.resolve(args[at + 1]) : path.resolve(root, '../shared/k8s-openapi');
  if (!existsSync(dir)) {
    console.error(`no OpenAPI at ${dir}`);
    process.exit(2);
  }
  const text = JSON.stringify(buildSchema(dir), null, 1) + '\n';
  if (args.includes('--check')) {
    const current = existsSync(SCHEMA_PATH) ? readFileSync(SCHEMA_PATH, 'utf8') : '';
    if (current !== text) {
      console.error(`${path.relative(root, SCHEMA_PATH)} is out of date: run node scripts/generateSchema.mjs`);
      process.exit(1);
    }
    console.error(`${path.relative(root, SCHEMA_PATH)} is up to date`);
    return;
  }
  mkdirSync(path.dirname(SCHEMA_PATH), { recursive: true });
  writeFileSync(SCHEMA_PATH, text);
  console.error(`wrote ${path.relative(root, SCHEMA_PATH)} (${Math.round(text.length / 1024)} KB, ${Object.keys(JSON.parse(text).definitions).length} definitions)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
