// deploy/kubernetes: the fleet as an Indexed Job, the reference cloud it talks to, and the Job that merges
// the shards' reports. kubectl checks that every object is one it knows, against a fake API server (a
// client dry run still asks a server for its kinds); the fields that make the fleet work are checked
// here, by reading the manifests and by letting /bin/sh expand each pod's command line.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/main.js';
import { requireTool } from '../fixtures/tools.js';
import { RESOURCES, startFakeKubeApi, type FakeKubeApi } from './fake-kube-api.js';
import { DEPLOY, envOf, find, flagsOf, readObjects } from './manifests.js';

const ROOT = path.resolve(DEPLOY, '../..');
const objects = readObjects();
const job = find(objects, 'Job', 'timeclock-fleet');
const pod = job.spec.template!.spec;
const fleet = pod.containers[0]!;
const env = envOf(fleet);
const completions = job.spec.completions as number;

/** The flags `timeclock fleet` takes, read off the command itself. */
const FLEET_FLAGS = (() => {
  const command = createProgram().commands.find((c) => c.name() === 'fleet');
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
    env: { PATH: process.env.PATH, ...env, JOB_COMPLETION_INDEX: String(index) },
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

  it('gives pod I shard I+1 of N and a report of its own, so the shards cover the fleet once', () => {
    const argvs = Array.from({ length: completions }, (_, index) => argvOfPod(index));

    expect(argvs.map((argv) => flagsOf(argv).get('--shard'))).toEqual(
      Array.from({ length: completions }, (_, i) => `${i + 1}/${completions}`),
    );
    const reports = argvs.map((argv) => flagsOf(argv).get('--report'));
    expect(new Set(reports).size).toBe(completions);
    expect(reports[0]).toBe('/reports/shard-0.json');
  });

  it('runs timeclock fleet with flags it takes: the whole fleet, the cloud, a profile and a report', () => {
    const argv = argvOfPod(0);
    const flags = flagsOf(argv);

    expect(argv.slice(0, 3)).toEqual(['node', 'bin/timeclock.js', 'fleet']);
    for (const flag of flags.keys()) expect(FLEET_FLAGS, `timeclock fleet ${flag}`).toContain(flag);
    for (const flag of ['--shard', '--clocks', '--cloud', '--profile', '--report'])
      expect(flags.get(flag), flag).toMatch(/\S/);
    expect(Number(flags.get('--clocks')) / completions).toBe(10_000);
  });

  it('reads its profile from the profiles ConfigMap and writes its report to the shared claim', () => {
    const flags = flagsOf(argvOfPod(0));
    const mounts = Object.fromEntries(fleet.volumeMounts!.map((m) => [m.name, m]));
    const volumes = Object.fromEntries(pod.volumes!.map((v) => [v.name, v]));

    expect(path.posix.dirname(flags.get('--profile')!)).toBe(mounts.profiles!.mountPath);
    // The ConfigMap is made from scripts/fleet/: the profile must be one of the shipped ones.
    expect(fs.existsSync(path.join('scripts/fleet', path.posix.basename(flags.get('--profile')!)))).toBe(true);
    expect(mounts.profiles!.readOnly).toBe(true);
    expect(volumes.profiles!.configMap!.name).toBe('timeclock-fleet-profiles');
    expect(path.posix.dirname(flags.get('--report')!)).toBe(mounts.reports!.mountPath);
    const claim = find(objects, 'PersistentVolumeClaim', volumes.reports!.persistentVolumeClaim!.claimName);
    expect(claim.spec.accessModes).toEqual(['ReadWriteMany']);
  });

  it('tells how to make the profiles ConfigMap from scripts/fleet, in the manifest and the document', () => {
    const create = 'kubectl create configmap timeclock-fleet-profiles --from-file=scripts/fleet/';

    expect(fs.readFileSync(path.join(DEPLOY, job.file), 'utf8')).toContain(create);
    expect(fs.readFileSync(path.join(ROOT, 'docs/fleet-on-kubernetes.md'), 'utf8')).toContain(create);
  });

  it('asks for 2 CPUs and 4 GiB for its 10,000 clocks, its limits equal to its requests', () => {
    expect(fleet.resources!.requests).toEqual({ cpu: '2', memory: '4Gi' });
    expect(fleet.resources!.limits).toEqual(fleet.resources!.requests);
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
    expect(args).toEqual(expect.arrayContaining(['--plain-http', '--auto-register']));
  });

  it('uses only flags timeclock cloud takes, on the port its Service targets', () => {
    const known = createProgram()
      .commands.find((c) => c.name() === 'cloud')!
      .options.map((o) => o.long);
    const service = find(objects, 'Service', 'timeclock-cloud');

    for (const flag of flagsOf(args).keys()) expect(known, `timeclock cloud ${flag}`).toContain(flag);
    expect(cloud.ports).toContainEqual({ name: 'push', containerPort: Number(flagsOf(args).get('--port')) });
    expect(service.spec.ports).toContainEqual(expect.objectContaining({ targetPort: 'push' }));
  });
});

describe('the merge Job of merge/', () => {
  const merge = find(objects, 'Job', 'timeclock-fleet-merge');
  const container = merge.spec.template!.spec.containers[0]!;

  it('runs timeclock fleet merge over the shards’ reports, on the claim they were written to', () => {
    const claim = merge.spec.template!.spec.volumes!.find((v) => v.persistentVolumeClaim)!;

    expect(merge.file).toBe('merge/fleet-merge.yaml');
    expect(container.args).toEqual(['exec node bin/timeclock.js fleet merge /reports/shard-*.json']);
    expect(claim.persistentVolumeClaim!.claimName).toBe('timeclock-fleet-reports');
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
    for (const container of spec.containers) expect(container.image).toMatch(new RegExp(`/timeclock-sim:${version}$`));
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

  const expected = objects.map((o) => `${o.kind.toLowerCase()}/${o.metadata.name}`).sort();

  it('knows every object: each names an apiVersion and kind Kubernetes serves', () => {
    for (const o of objects)
      expect(
        RESOURCES[o.apiVersion]?.map(([, kind]) => kind),
        `${o.file} ${o.kind}`,
      ).toContain(o.kind);
  });

  it.skipIf(kubectlTool.missing !== undefined)(
    `takes every object in a client dry run${kubectlTool.title}`,
    async () => {
      const { status, stdout, stderr } = await kubectl(
        [
          'apply',
          '--dry-run=client',
          '--validate=false',
          '--recursive',
          '-f',
          DEPLOY,
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
