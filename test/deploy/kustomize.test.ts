// deploy/kubernetes as Kustomize renders it: the base and every overlay give objects valid against the
// Kubernetes schemas, the small overlay fits a small node, the large one runs more shards with larger
// requests and keeps the restricted Pod Security fields its patches do not touch. The renderer is the
// tests' own (kustomize.ts); where kubectl is installed its `kubectl kustomize` must render the same.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { requireTool } from '../fixtures/tools.js';
import { OVERLAYS, render } from './kustomize.js';
import { DEPLOY, envOf, find, type KubeObject } from './manifests.js';
import { quantity, validateObject } from './schemas.js';

const DIRS = ['base', ...OVERLAYS.map((o) => `overlays/${o}`)];
const rendered = Object.fromEntries(DIRS.map((dir) => [dir, render(path.join(DEPLOY, dir))]));
const GiB = 2 ** 30;

function fleetOf(objects: KubeObject[]) {
  const job = find(objects, 'Job', 'timeclock-fleet');
  const pod = job.spec.template!.spec;
  const cloud = find(objects, 'Deployment', 'timeclock-cloud').spec.template!.spec;
  return { job, pod, fleet: pod.containers[0]!, cloud: cloud.containers[0]!, cloudPod: cloud };
}

/** CPUs and bytes every pod of the fleet and the cloud ask for together. */
function requested(objects: KubeObject[]): { cpu: number; memory: number } {
  const { job, fleet, cloud } = fleetOf(objects);
  const parallel = job.spec.parallelism as number;
  const of = (key: 'cpu' | 'memory') =>
    parallel * quantity(fleet.resources!.requests![key]!) + quantity(cloud.resources!.requests![key]!);
  return { cpu: of('cpu'), memory: of('memory') };
}

describe('the Kustomize base and overlays', () => {
  it('has the overlays the document names', () => {
    expect(OVERLAYS).toEqual(['large', 'small']);
  });

  it.each(DIRS.flatMap((dir) => rendered[dir]!.map((o) => [dir, o.kind, o.metadata.name, o] as const)))(
    '%s renders %s %s valid against the Kubernetes schemas',
    (_dir, _kind, _name, object) => {
      expect(() => validateObject(object)).not.toThrow();
    },
  );

  it('small is the base as shipped, and fits a 2-CPU, 4-GiB node with the cloud', () => {
    const small = rendered['overlays/small']!;
    expect(small).toEqual(rendered.base);
    const { cpu, memory } = requested(small);
    expect(cpu).toBeLessThanOrEqual(2);
    expect(memory).toBeLessThanOrEqual(4 * GiB);
  });

  it('large runs 10 shards of 10,000 clocks with one N, and asks for more than a small node holds', () => {
    const { job, fleet, cloud } = fleetOf(rendered['overlays/large']!);
    const env = envOf(fleet);

    expect(job.spec.completions).toBe(10);
    expect(job.spec.parallelism).toBe(10);
    expect(Number(env.SHARDS)).toBe(10);
    expect(Number(env.CLOCKS) / 10).toBe(10_000);
    expect(fleet.resources).toEqual({ requests: { cpu: '2', memory: '4Gi' }, limits: { memory: '4Gi' } });
    expect(cloud.resources).toEqual({ requests: { cpu: '2', memory: '2Gi' }, limits: { memory: '4Gi' } });
    expect(requested(rendered['overlays/large']!)).toEqual({ cpu: 22, memory: 42 * GiB });
    // Node's heap is held to three quarters of the pod's limit.
    expect(env.NODE_OPTIONS).toBe(`--max-old-space-size=${(0.75 * quantity('4Gi')) / 2 ** 20}`);
  });

  it('large keeps what its patches do not say: the rest of the env, the Secret, the command, the mounts', () => {
    const base = fleetOf(rendered.base!);
    const large = fleetOf(rendered['overlays/large']!);

    const names = (env: { name: string }[]) => env.map((e) => e.name).sort();
    expect(names(large.fleet.env!)).toEqual(names([...base.fleet.env!, { name: 'NODE_OPTIONS' }]));
    expect(large.fleet.env!.find((e) => e.name === 'CLOUD_TOKEN')).toEqual(
      base.fleet.env!.find((e) => e.name === 'CLOUD_TOKEN'),
    );
    expect(large.fleet.args).toEqual(base.fleet.args);
    expect(large.fleet.volumeMounts).toEqual(base.fleet.volumeMounts);
    expect(large.pod.initContainers).toEqual(base.pod.initContainers);
    expect(large.job.spec.activeDeadlineSeconds).toBe(base.job.spec.activeDeadlineSeconds);
  });

  it.each(DIRS)('%s keeps the restricted Pod Security fields on every pod and container', (dir) => {
    const { pod, cloudPod } = fleetOf(rendered[dir]!);
    for (const spec of [pod, cloudPod]) {
      expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      for (const container of [...(spec.initContainers ?? []), ...spec.containers])
        expect(container.securityContext, `${dir} ${container.name}`).toEqual({
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        });
    }
  });
});

const kubectlTool = requireTool('kubectl');

describe('the tests’ renderer', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** A kustomization in a scratch folder, BASE in it standing for deploy/kubernetes/base. */
  function overlay(kustomization: string, files: Record<string, string> = {}): string {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-kustomize-'));
    const base = path.relative(dir, path.join(DEPLOY, 'base'));
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), kustomization.replace('BASE', base));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  }

  it('fails on a patch of an object the base does not have', () => {
    const at = overlay('resources: [BASE]\npatches:\n  - path: p.yaml\n', {
      'p.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: timeclock-fleeet\nspec:\n  parallelism: 3\n',
    });
    expect(() => render(at)).toThrow(/patches Job timeclock-fleeet, which .* does not have/);
    if (kubectlTool.missing === undefined)
      expect(spawnSync('kubectl', ['kustomize', at], { encoding: 'utf8' }).status, 'kubectl kustomize').not.toBe(0);
  });

  it('refuses what it does not render instead of ignoring it', () => {
    expect(() => render(overlay('resources: [BASE]\nnamePrefix: x-\n'))).toThrow(/namePrefix is not/);
    const directive = overlay('resources: [BASE]\npatches:\n  - path: p.yaml\n', {
      'p.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: timeclock-fleet\nspec:\n  $patch: replace\n',
    });
    expect(() => render(directive)).toThrow(/\$patch/);
  });

  it.skipIf(kubectlTool.missing !== undefined).each(DIRS)(
    `renders %s as kubectl kustomize does${kubectlTool.title}`,
    (at) => {
      const run = spawnSync('kubectl', ['kustomize', path.join(DEPLOY, at)], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const byId = (objects: object[]) =>
        Object.fromEntries(
          (objects as KubeObject[]).map(({ file: _file, ...o }) => [`${o.kind} ${o.metadata.name}`, o] as const),
        );
      const theirs = parseAllDocuments(run.stdout).map((doc) => doc.toJS() as object);

      expect(byId(rendered[at]!)).toEqual(byId(theirs));
    },
    30_000,
  );
});
