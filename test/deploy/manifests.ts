// The Kubernetes manifests of deploy/kubernetes read as data: every object of a file, and the pieces of
// the fleet's pods the tests look at.
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export const DEPLOY = path.resolve(import.meta.dirname, '../../deploy/kubernetes');

export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  securityContext?: { allowPrivilegeEscalation?: boolean; capabilities?: { drop?: string[] } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  ports?: { name: string; containerPort: number }[];
}

export interface PodSpec {
  restartPolicy?: string;
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    runAsGroup?: number;
    fsGroup?: number;
    seccompProfile?: { type: string };
  };
  initContainers?: Container[];
  containers: Container[];
  volumes?: { name: string; configMap?: { name: string }; persistentVolumeClaim?: { claimName: string } }[];
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec: Record<string, unknown> & { template?: { spec: PodSpec } };
  /** deploy/kubernetes/… file it is in. */
  file: string;
}

/** Every object of the files, as written (test/deploy/kustomize.ts renders a kustomization of them). */
export function readObjects(files: string[]): KubeObject[] {
  return files.flatMap((file) =>
    parseAllDocuments(fs.readFileSync(file, 'utf8')).map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]!.message}`);
      return { ...(doc.toJS() as Omit<KubeObject, 'file'>), file: path.relative(DEPLOY, file) };
    }),
  );
}

export function find(objects: KubeObject[], kind: string, name: string): KubeObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in deploy/kubernetes`);
  return found;
}

/** The pod's environment as the manifest sets it by value (variables from a Secret are left out). */
export function envOf(container: Container): Record<string, string> {
  return Object.fromEntries(
    (container.env ?? []).flatMap((e) => (e.value === undefined ? [] : [[e.name, e.value] as const])),
  );
}

/** The Secret key a variable of the container comes from, as `secret/key`. */
export function secretOf(container: Container, name: string): string | undefined {
  const ref = container.env?.find((e) => e.name === name)?.valueFrom?.secretKeyRef;
  return ref ? `${ref.name}/${ref.key}` : undefined;
}

/** `--flag value` pairs of an argv, after its command words. */
export function flagsOf(argv: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  argv.forEach((word, i) => {
    if (word.startsWith('--')) flags.set(word, argv[i + 1]?.startsWith('--') === false ? argv[i + 1]! : '');
  });
  return flags;
}
