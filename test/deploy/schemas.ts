// The manifests against the Kubernetes schemas of the kubernetes-models package (types, enums, required
// fields: it validates offline), and the resource quantities the sizing tests add up.
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import type { KubeObject } from './manifests.js';

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
};

/** `500m`, `2`, `512Mi`, `4Gi`: CPUs or bytes. */
export function quantity(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi)?$/.exec(text);
  if (!match) throw new Error(`not a quantity this test reads: ${text}`);
  const unit = { m: 1e-3, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30 }[match[2] ?? ''] ?? 1;
  return Number(match[1]) * unit;
}

/** The kubernetes-models class of the object's apiVersion and kind validates it (throws what is wrong). */
export function validateObject(object: KubeObject): void {
  const { file: _file, ...data } = object;
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model) throw new Error(`${object.file}: no schema for ${object.apiVersion} ${object.kind} in this test`);
  new Model(data as never).validate();
}
