// Manifest texts the language-server tests share: the random-generator example (a headless Service and the
// StatefulSet `rg`) as the tests' own copy, the shipped example, and position helpers over a text.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The headless Service `random-generator` and the StatefulSet `rg` (2 replicas, claim template `logs`). */
export const RANDOM_GENERATOR = `apiVersion: v1
kind: Service
metadata:
  name: random-generator
spec:
  clusterIP: None
  selector:
    app: random-generator
  ports:
    - name: http
      port: 8080
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: rg
spec:
  serviceName: random-generator
  replicas: 2
  selector:
    matchLabels:
      app: random-generator
  template:
    metadata:
      labels:
        app: random-generator
    spec:
      containers:
        - name: random-generator
          image: k8spatterns/random-generator:1.0
          ports:
            - containerPort: 8080
              name: http
          volumeMounts:
            - name: logs
              mountPath: /logs
  volumeClaimTemplates:
    - metadata:
        name: logs
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: 10Mi
`;

/** The StatefulSet document of RANDOM_GENERATOR alone (for a Service in another file). */
export const RG_STATEFULSET_ONLY = RANDOM_GENERATOR.slice(RANDOM_GENERATOR.indexOf('apiVersion: apps/v1'));
/** The Service document of RANDOM_GENERATOR alone. */
export const RG_SERVICE_ONLY = RANDOM_GENERATOR.slice(0, RANDOM_GENERATOR.indexOf('---\n'));

/** Zero-based line/character of the `occurrence`-th (1-based) match of `needle`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0, occurrence = 1): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) is not in the text`);
  }
  const offset = at + delta;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The shipped example (examples/random-generator.yaml), or this file's copy when the example is absent. */
export function readExample(): string {
  const file = path.resolve(__dirname, '../../examples/random-generator.yaml');
  return existsSync(file) ? readFileSync(file, 'utf8') : RANDOM_GENERATOR;
}

/** An LSP range from two positionOf results. */
export function rangeOf(text: string, needle: string, occurrence = 1): { start: { line: number; character: number }; end: { line: number; character: number } } {
  return { start: positionOf(text, needle, 0, occurrence), end: positionOf(text, needle, needle.length, occurrence) };
}
