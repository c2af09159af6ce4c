// deploy/kubernetes: the fleet as an Indexed Job and the reference cloud it talks to, on a cluster's
// defaults: no shared volume (reports travel in the pods' logs), the token from a Secret, a wait for the
// cloud, a bounded run, the restricted Pod Security profile and requests a small node can hold. Every
// object is validated against the Kubernetes schemas (kubernetes-models); kubectl checks that every object
// is one it knows, against a fake API server; the fields that make the fleet work are checked here, by
// reading the manifests and by letting /bin/sh expand each pod's command line.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/main.js';
import { requireTool } from '../fixtures/tools.js';
import { parseDuration } from '../../src/scenario/duration.js';
import { RESOURCES, startFakeKubeApi, type FakeKubeApi } from './fake-kube-api.js';
import { OVERLAYS, render } from './kustomize.js';
import { DEPLOY, envOf, find, flagsOf, secretOf } from './manifests.js';
import { quantity, validateObject } from './schemas.js';

const ROOT = path.resolve(DEPLOY, '../..');
const BIN = path.join(ROOT, 'bin/timeclock.js');
// What `kubectl apply -k deploy/kubernetes/overlays/small` applies, as the document says to; the large
// overlay's differences are checked in kustomize.test.ts.
const objects = render(path.join(DEPLOY, 'overlays/small'));
const job = find(objects, 'Job', 'timeclock-fleet');
const pod = job.spec.template!.spec;
const fleet = pod.containers[0]!;
const env = envOf(fleet);
const completions = job.spec.completions as number;

/** The flags `timeclock fleet` takes, read off the command itself. */
const FLEET_FLAGS = await (async () => {
  const command = (await createProgram()).commands.find((c) => c.name() === 'fleet');
  if (!command) throw new Error('timeclock has no fleet command');
  return command.options.map((o) => o.long!);
})();

/** The argv pod `index` runs: its command line as the container's /bin/sh expands it. */
function argvOfPod(index: number): string[] {
  const [shell, dashC] = fleet.command!;
  const script = fleet.args![0]!;
  expect([shell, dashC]).toEqual(['/bin/sh', '-c']);
  expect(script).toMatch(/^exec node bin\/timeclock\.js fleet /);
  const printing = script.replace(/^exec /, "printf '%s\\n' ");
  const result = spawnSync('/bin/sh', ['-c', printing], {
    env: { PATH: process.env.PATH, ...env, CLOUD_TOKEN: 'from-the-secret', JOB_COMPLETION_INDEX: String(index) },
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  return result.stdout.trimEnd().split('\n');
}

describe('the fleet Job', () => {
  it('is an Indexed Job whose completions, parallelism and SHARDS are one N', () => {
    expect(job.apiVersion).toBe('batch/v1');
    expect(job.spec.completionMode).toBe('Indexed');
    expect(completions).toBeGreaterThan(1);
    expect(job.spec.parallelism).toBe(completions);
    expect(Number(env.SHARDS)).toBe(completions);
    expect(pod.restartPolicy).toBe('Never');
  });

  it('gives pod I shard I+1 of N, each printing its report into its log, so the shards cover the fleet once', () => {
    const argvs = Array.from({ length: completions }, (_, index) => argvOfPod(index));

    expect(argvs.map((argv) => flagsOf(argv).get('--shard'))).toEqual(
      Array.from({ length: completions }, (_, i) => `${i + 1}/${completions}`),
    );
    for (const argv of argvs) expect(argv).toContain('--report-log');
  });

  it('runs timeclock fleet with flags it takes: the whole fleet, the cloud, a profile and a report', () => {
    const argv = argvOfPod(0);
    const flags = flagsOf(argv);

    expect(argv.slice(0, 3)).toEqual(['node', 'bin/timeclock.js', 'fleet']);
    for (const flag of flags.keys()) expect(FLEET_FLAGS, `timeclock fleet ${flag}`).toContain(flag);
    for (const flag of ['--shard', '--clocks', '--cloud', '--cloud-token', '--profile', '--duration'])
      expect(flags.get(flag), flag).toMatch(/\S/);
    expect(Number(flags.get('--clocks')) / completions).toBe(2_000);
  });

  it('takes the cloud’s API token from the Secret the cloud reads it from', () => {
    const cloud = find(objects, 'Deployment', 'timeclock-cloud').spec.template!.spec.containers[0]!;

    expect(flagsOf(argvOfPod(0)).get('--cloud-token')).toBe('from-the-secret');
    expect(secretOf(fleet, 'CLOUD_TOKEN')).toBe('timeclock-cloud-token/token');
    expect(secretOf(cloud, 'TIMECLOCK_CLOUD_TOKEN')).toBe('timeclock-cloud-token/token');
  });

  it('is bounded: its deadline covers the run’s duration and the wait for the cloud, and no more than 2 h', () => {
    const durationMs = parseDuration(flagsOf(argvOfPod(0)).get('--duration')!)!;
    const deadlineMs = (job.spec.activeDeadlineSeconds as number) * 1000;

    expect(deadlineMs).toBeGreaterThanOrEqual(durationMs + 10 * 60_000);
    expect(deadlineMs).toBeLessThanOrEqual(2 * 3_600_000);
  });

  it('needs no shared volume: no claim, only the profiles ConfigMap, read-only', () => {
    const flags = flagsOf(argvOfPod(0));
    const mounts = Object.fromEntries(fleet.volumeMounts!.map((m) => [m.name, m]));
    const volumes = Object.fromEntries(pod.volumes!.map((v) => [v.name, v]));

    expect(path.posix.dirname(flags.get('--profile')!)).toBe(mounts.profiles!.mountPath);
    // The ConfigMap is made from scripts/fleet/: the profile must be one of the shipped ones.
    expect(fs.existsSync(path.join('scripts/fleet', path.posix.basename(flags.get('--profile')!)))).toBe(true);
    expect(mounts.profiles!.readOnly).toBe(true);
    expect(volumes.profiles!.configMap!.name).toBe('timeclock-fleet-profiles');
    expect(objects.filter((o) => o.kind === 'PersistentVolumeClaim')).toEqual([]);
    expect(pod.volumes!.map((v) => v.name)).toEqual(['profiles']);
  });

  it('tells how to make the profiles ConfigMap from scripts/fleet, in the manifest and the document', () => {
    const create = 'kubectl create configmap timeclock-fleet-profiles --from-file=scripts/fleet/';

    expect(fs.readFileSync(path.join(DEPLOY, job.file), 'utf8')).toContain(create);
    expect(fs.readFileSync(path.join(ROOT, 'docs/fleet-on-kubernetes.md'), 'utf8')).toContain(create);
  });

  it('fits a small node (2 CPUs, 4 GiB) with the cloud: every request summed, every limit within it', () => {
    const cloud = find(objects, 'Deployment', 'timeclock-cloud').spec.template!.spec.containers[0]!;
    const requests = [...Array.from({ length: completions }, () => fleet), cloud];
    const sum = (key: 'cpu' | 'memory') => requests.reduce((n, c) => n + quantity(c.resources!.requests![key]!), 0);

    expect(requests).toHaveLength(completions + 1);
    expect(sum('cpu')).toBeLessThanOrEqual(2);
    expect(sum('memory')).toBeLessThanOrEqual(4 * 2 ** 30);
    for (const c of [fleet, cloud]) expect(quantity(c.resources!.limits!.memory!)).toBeLessThanOrEqual(4 * 2 ** 30);
  });

  it('waits for the cloud in an init container that ends once the cloud answers', async () => {
    const wait = pod.initContainers![0]!;
    const script = wait.args![0]!;
    expect(wait.command).toEqual(['node', '-e']);
    expect(envOf(wait).CLOUD_URL).toBe(env.CLOUD_URL);
    const cloud = spawn(process.execPath, [BIN, 'cloud', '--memory', '--port', '0', '--log-level', 'warn'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    try {
      const url = await new Promise<string>((resolve) =>
        cloud.stdout.on('data', (chunk: Buffer) => {
          const found = /timeclock cloud at (\S+)/.exec(chunk.toString('utf8'));
          if (found) resolve(found[1]!);
        }),
      );
      const run = spawnSync(process.execPath, ['-e', script], { env: { CLOUD_URL: url }, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    } finally {
      cloud.kill();
    }
  });

  it('talks to the cloud Service of cloud.yaml by its name and port', () => {
    const url = new URL(env.CLOUD_URL!);
    const service = find(objects, 'Service', url.hostname);

    expect(service.spec.ports).toContainEqual(expect.objectContaining({ port: Number(url.port) }));
  });
});

describe('the reference cloud of cloud.yaml', () => {
  const deployment = find(objects, 'Deployment', 'timeclock-cloud');
  const cloud = deployment.spec.template!.spec.containers[0]!;
  const args = cloud.args!;

  it('runs one pod of timeclock cloud, listening off loopback in plain HTTP and registering the fleet’s clocks', () => {
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.strategy).toEqual({ type: 'Recreate' });
    expect(args[0]).toBe('cloud');
    expect(flagsOf(args).get('--host')).toBe('0.0.0.0');
    expect(args).toContain('--plain-http');
    // The fleet registers its clocks with the token: a cloud that registers anyone hides a fleet without one.
    expect(args).not.toContain('--auto-register');
  });

  it('uses only flags timeclock cloud takes, on the port its Service targets', async () => {
    const known = (await createProgram()).commands.find((c) => c.name() === 'cloud')!.options.map((o) => o.long);
    const service = find(objects, 'Service', 'timeclock-cloud');

    for (const flag of flagsOf(args).keys()) expect(known, `timeclock cloud ${flag}`).toContain(flag);
    expect(cloud.ports).toContainEqual({ name: 'push', containerPort: Number(flagsOf(args).get('--port')) });
    expect(service.spec.ports).toContainEqual(expect.objectContaining({ targetPort: 'push' }));
  });
});

describe('every pod of deploy/kubernetes', () => {
  const pods = objects
    .filter((o) => o.spec.template)
    .map((o) => [o.file, o.metadata.name, o.spec.template!.spec] as const);
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const imageUser = /^USER (\d+)/m.exec(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'))![1];

  it.each(pods)('%s %s runs the image of this version as its non-root user', (_file, _name, spec) => {
    expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: Number(imageUser) });
    for (const container of [...(spec.initContainers ?? []), ...spec.containers])
      expect(container.image).toMatch(new RegExp(`/timeclock-sim:${version}$`));
  });

  it.each(pods)('%s %s meets the restricted Pod Security profile', (_file, _name, spec) => {
    expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    for (const container of [...(spec.initContainers ?? []), ...spec.containers]) {
      expect(container.securityContext, container.name).toEqual({
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
      });
    }
  });
});

describe('the Kubernetes schemas (kubernetes-models)', () => {
  it.each(objects.map((o) => [o.file, o.kind, o] as const))('%s %s is valid', (_file, _kind, object) => {
    expect(() => validateObject(object)).not.toThrow();
  });

  it('catches an invalid field', () => {
    const job = structuredClone(find(objects, 'Job', 'timeclock-fleet'));
    const spec = job.spec.template!.spec;
    spec.containers[0]!.securityContext = { allowPrivilegeEscalation: 'false' as unknown as boolean };

    expect(() => validateObject(job)).toThrow(/allowPrivilegeEscalation must be boolean/);
  });
});

const kubectlTool = requireTool('kubectl');

describe('kubectl', () => {
  let dir: string;
  let api: FakeKubeApi;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-kubectl-'));
    api = await startFakeKubeApi(dir);
  });
  afterAll(async () => {
    await api.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('knows every object: each names an apiVersion and kind Kubernetes serves', () => {
    for (const o of objects)
      expect(
        RESOURCES[o.apiVersion]?.map(([, kind]) => kind),
        `${o.file} ${o.kind}`,
      ).toContain(o.kind);
  });

  it.skipIf(kubectlTool.missing !== undefined).each(OVERLAYS)(
    `takes every object of overlays/%s in a client dry run of apply -k${kubectlTool.title}`,
    async (overlay) => {
      const expected = render(path.join(DEPLOY, 'overlays', overlay))
        .map((o) => `${o.kind.toLowerCase()}/${o.metadata.name}`)
        .sort();
      const { status, stdout, stderr } = await kubectl(
        [
          'apply',
          '--dry-run=client',
          '--validate=false',
          '-k',
          path.join(DEPLOY, 'overlays', overlay),
          '--cache-dir',
          path.join(dir, 'cache'),
        ],
        { ...process.env, KUBECONFIG: api.kubeconfig },
      );

      expect(status, stderr).toBe(0);
      const applied = stdout
        .trim()
        .split('\n')
        .map((line) => /^(\S+?)(?:\.\S+)?\/(\S+) created \(dry run\)$/.exec(line))
        .map((m) => (m ? `${m[1]}/${m[2]}` : 'unexpected line'));
      expect(applied.sort()).toEqual(expected);
    },
    60_000,
  );
});

/** kubectl as a child process; async, since the fake API server it talks to runs in this process. */
function kubectl(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('kubectl', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
