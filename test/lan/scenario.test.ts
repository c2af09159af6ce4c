// A scenario can turn LAN on (`clock: { lan: true }`): the clock's listener opens on a free loopback port
// for the scenario's run, an SDK client reads the clock while the steps run, and `lan:` waits for it.
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ScenarioFileError, runScenario, scenarioFromObject } from '../../src/scenario/index.js';
import { next, requireSdk } from './helpers.js';

interface NodeZkLib {
  createSocket(): Promise<void>;
  getUsers(): Promise<{ data: { userId: string; name: string }[] }>;
  disconnect(): Promise<void>;
}
const ZKLib = requireSdk('node-zklib') as new (ip: string, port: number, timeout: number, inport: number) => NodeZkLib;

const employees = [
  { first: 'Ana', last: 'Lopez', badge: 1001, nonSecure: true },
  { first: 'Ben', last: 'Okafor', badge: 1002 },
];

/** node-zklib's session while the scenario runs: connect, read the users, disconnect. */
async function readUsers(port: number): Promise<{ userId: string; name: string }[]> {
  const zk = new ZKLib('127.0.0.1', port, 2000, 0);
  await zk.createSocket();
  try {
    return (await zk.getUsers()).data.map(({ userId, name }) => ({ userId, name }));
  } finally {
    await zk.disconnect();
  }
}

describe('a scenario with lan: true', () => {
  it('lets node-zklib connect to the port it opened and read the users while the steps run', async () => {
    let users: Promise<{ userId: string; name: string }[]> | undefined;
    let opened: { serial: string; port: number } | undefined;

    const result = await runScenario(
      {
        name: 'an SDK reads the clock during the scenario',
        clock: { serial: 'TC1A000001', lan: true },
        employees,
        steps: [
          { expect: { log: { msg: 'LAN protocol listening', module: 'lan' } } },
          { advance: '1h' },
          { keys: '1001' },
          { press: 'OK' },
          { expect: { punch: { badge: 1001 } } },
          // The client came, read and left (a short session: `clients: 1` may never be seen).
          { wait: { lan: { connections: 1, clients: 0 }, timeout: '10s' } },
        ],
      },
      {
        onLan: (serial, { port }) => {
          opened = { serial, port };
          users = readUsers(port);
        },
      },
    );

    expect(result.message ?? '').toBe('');
    expect(result.ok).toBe(true);
    expect(opened?.serial).toBe('TC1A000001');
    expect(await users).toEqual([
      { userId: '1001', name: 'Ana Lopez' },
      { userId: '1002', name: 'Ben Okafor' },
    ]);
  });

  it('closes the listener when the scenario ends', async () => {
    let port = 0;
    await runScenario(
      { name: 'LAN on, nothing else', clock: { lan: true }, steps: [{ expect: { lan: { clients: 0 } } }] },
      { onLan: (_serial, address) => (port = address.port) },
    );

    const refused = await next<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve('connected')));
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });

    expect(port).toBeGreaterThan(0);
    expect(refused).toBe('ECONNREFUSED');
  });

  it('fails a wait for an SDK client that never comes, saying how many are connected', async () => {
    const result = await runScenario({
      name: 'nobody connects',
      clock: { lan: true },
      steps: [{ wait: { lan: { clients: 1 }, timeout: '20ms' } }],
    });

    expect(result.ok).toBe(false);
    expect(result.failure?.mismatches).toEqual([{ what: 'LAN clients', expected: '1 connected', actual: '0' }]);
  });

  it('refuses expect lan in a scenario whose clocks have no LAN', () => {
    const load = () => scenarioFromObject({ name: 'no LAN', steps: [{ expect: { lan: { clients: 0 } } }] });

    expect(load).toThrow(ScenarioFileError);
    expect(load).toThrow(/expect lan needs a clock with lan: true/);
  });
});
