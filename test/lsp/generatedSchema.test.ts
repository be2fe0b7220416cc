// Checks that the committed schema (server/schemas/k8s-statefulset-lens.schema.json) is exactly what
// scripts/generateSchema.mjs makes from ../shared/k8s-openapi, and that it carries the added constraints.
import { test } from 'node:test';
import { openapiMissing } from '../support/paths';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const schema = JSON.parse(readFileSync(path.join(root, 'server/schemas/k8s-statefulset-lens.schema.json'), 'utf8'));

test('the committed schema is what the generator makes from the Kubernetes 1.35 OpenAPI', { skip: openapiMissing }, () => {
  const r = spawnSync(process.execPath, ['scripts/generateSchema.mjs', '--check'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('the root selects one definition per kind and apiVersion', () => {
  assert.deepEqual(
    schema.allOf.map((a: { if: { properties: { kind: { const: string }; apiVersion: { const: string } } }; then: { $ref: string } }) =>
      `${a.if.properties.apiVersion.const} ${a.if.properties.kind.const} -> ${a.then.$ref}`),
    ['apps/v1 StatefulSet -> #/definitions/io.k8s.api.apps.v1.StatefulSet', 'v1 Service -> #/definitions/io.k8s.api.core.v1.Service',
      'v1 PersistentVolumeClaim -> #/definitions/io.k8s.api.core.v1.PersistentVolumeClaim']);
});

test('the schema enforces the values Kubernetes checks in code', () => {
  const d = schema.definitions;
  assert.deepEqual(d['io.k8s.api.apps.v1.StatefulSetUpdateStrategy'].properties.type.enum, ['RollingUpdate', 'OnDelete']);
  assert.deepEqual(d['io.k8s.api.apps.v1.StatefulSetSpec'].properties.podManagementPolicy.enum, ['OrderedReady', 'Parallel']);
  const retention = d['io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy'].properties;
  assert.deepEqual([retention.whenDeleted.enum, retention.whenScaled.enum], [['Retain', 'Delete'], ['Retain', 'Delete']]);
  assert.deepEqual(d['io.k8s.api.core.v1.PersistentVolumeClaimSpec'].properties.accessModes.items.enum,
    ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']);
  assert.deepEqual(d['io.k8s.api.core.v1.ServicePort'].properties.protocol.enum, ['TCP', 'UDP', 'SCTP']);
  assert.deepEqual(d['io.k8s.api.core.v1.ContainerPort'].properties.protocol.enum, ['TCP', 'UDP', 'SCTP']);
  assert.deepEqual(
    [d['io.k8s.api.apps.v1.StatefulSetSpec'].properties.replicas.minimum, d['io.k8s.api.apps.v1.StatefulSetSpec'].properties.minReadySeconds.minimum,
      d['io.k8s.api.apps.v1.RollingUpdateStatefulSetStrategy'].properties.partition.minimum, d['io.k8s.api.apps.v1.StatefulSetOrdinals'].properties.start.minimum],
    [0, 0, 0, 0]);
});
