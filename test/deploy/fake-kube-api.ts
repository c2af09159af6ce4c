// Just enough of a Kubernetes API server for `kubectl apply --dry-run=client` with no cluster: kubectl
// maps each object's kind through discovery and looks the object up (404 here) before it prints
// "created (dry run)". It validates nothing else; the manifests' fields are checked by the tests.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** apiVersion → [resource, Kind] served: the kinds deploy/kubernetes may use. */
export const RESOURCES: Record<string, [string, string][]> = {
  v1: [
    ['configmaps', 'ConfigMap'],
    ['persistentvolumeclaims', 'PersistentVolumeClaim'],
    ['secrets', 'Secret'],
    ['services', 'Service'],
  ],
  'apps/v1': [['deployments', 'Deployment']],
  'batch/v1': [['jobs', 'Job']],
};

function resourceList(groupVersion: string, resources: [string, string][]) {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: resources.map(([name, kind]) => ({
      name,
      singularName: kind.toLowerCase(),
      namespaced: true,
      kind,
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update'],
    })),
  };
}

const groups = Object.keys(RESOURCES).filter((gv) => gv.includes('/'));
const ROUTES: Record<string, unknown> = {
  '/version': { major: '1', minor: '32', gitVersion: 'v1.32.0' },
  '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] },
  '/apis': {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map((gv) => {
      const [name, version] = gv.split('/');
      const preferred = { groupVersion: gv, version };
      return { name, versions: [preferred], preferredVersion: preferred };
    }),
  },
  ...Object.fromEntries(
    Object.entries(RESOURCES).map(([gv, list]) => [gv === 'v1' ? '/api/v1' : `/apis/${gv}`, resourceList(gv, list)]),
  ),
};

export interface FakeKubeApi {
  /** A kubeconfig file that points kubectl here. */
  kubeconfig: string;
  close(): Promise<void>;
}

export async function startFakeKubeApi(dir: string): Promise<FakeKubeApi> {
  const server = http.createServer((request, response) => {
    const body = ROUTES[(request.url ?? '').split('?')[0]!];
    response.setHeader('content-type', 'application/json');
    if (body === undefined) {
      response.statusCode = 404;
      response.end(
        JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }),
      );
    } else response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const kubeconfig = path.join(dir, 'kubeconfig');
  fs.writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{ name: fake, cluster: { server: "http://127.0.0.1:${port}" } }]`,
      'users: [{ name: fake, user: {} }]',
      'contexts: [{ name: fake, context: { cluster: fake, user: fake, namespace: default } }]',
      'current-context: fake',
      '',
    ].join('\n'),
  );
  return { kubeconfig, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
