// Connecting to a clock as the JavaScript SDKs do, for the tests that run the clock in its own process.
import { requireSdk } from './helpers.js';

export type Sdk = 'node-zklib' | 'zklib-js' | 'zkteco-js';
export type Transport = 'tcp' | 'udp';

/** Each SDK over each transport it has a client for (zkteco-js has none for UDP). */
export const SDK_TRANSPORTS = [
  ['node-zklib', 'tcp'],
  ['zklib-js', 'tcp'],
  ['zkteco-js', 'tcp'],
  ['node-zklib', 'udp'],
  ['zklib-js', 'udp'],
] as const satisfies readonly (readonly [Sdk, Transport])[];

/** Runs `fn` with console.log silenced: the SDKs print on every connect and the test output stays readable. */
export function quiet<T>(fn: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = () => undefined;
  return fn().finally(() => (console.log = log));
}

type Constructor<T> = new (ip: string, port: number, timeout: number, inport: number) => T;
interface ZkLibClient {
  createSocket(): Promise<unknown>;
  zklibUdp: { createSocket(): Promise<unknown>; connect(): Promise<unknown> };
  connectionType: string;
}

/**
 * Connects to 127.0.0.1:`port` as the SDK does, quietly: its own TCP client, or its UDP client when TCP is
 * not wanted. The client comes back as `T`, the little of the SDK the test declares and uses.
 */
export function connectSdk<T>(sdk: Sdk, transport: Transport, port: number, timeoutMs: number): Promise<T> {
  return quiet(async () => {
    const Client = requireSdk(sdk) as Constructor<ZkLibClient>;
    const zk = new Client('127.0.0.1', port, timeoutMs, 0);
    if (transport === 'tcp' || sdk === 'zkteco-js') await zk.createSocket();
    else {
      await zk.zklibUdp.createSocket();
      await zk.zklibUdp.connect();
      zk.connectionType = 'udp';
    }
    return zk as unknown as T;
  });
}
