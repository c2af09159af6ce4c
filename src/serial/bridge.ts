// startBridge(): a driver picked by kind, wired to the clock and to its transport (a serial port or pty,
// a TCP listener, or stdio). The bridge owns its failures: a port that errors or disappears is logged
// and reopened with backoff, and the clock keeps running.
import { createRequire } from 'node:module';
import type { Readable, Writable } from 'node:stream';
import type { SerialPort } from 'serialport';
import { createLogger, type Logger } from '../log.js';
import type { Clock } from '../runtime/index.js';
import { opt } from './options.js';
import { SerialEndpoint, type Endpoint, type EndpointState } from './serial-endpoint.js';
import { driverFor, parseBridgeSpec, unknownKind, type BridgeKind, type DRIVERS } from './spec.js';
import { StdioEndpoint, TcpEndpoint, parseTcpPath } from './stream-endpoints.js';
import { clockTimers, type BridgeSpec, type Driver, type OpenPort } from './types.js';
import { codedError } from '../errors.js';

export interface BridgeOptions {
  logger?: Logger;
  /** Opens a port; node-serialport's SerialPort unless told (tests pass SerialPortMock). */
  openPort?: OpenPort;
  /** The clock's data directory, for the files a bridge keeps (the ZFM page map); none in memory. */
  dataDir?: string;
  /** What a rig's `cloud` command does: cut or restore the line to the server (default: tell the firmware only). */
  cloudSwitch?: (up: boolean) => void;
  /** The streams of `stdio`; the process's own unless told. */
  stdio?: { input: Readable; output: Writable };
}

export interface Bridge<Api extends object = object> {
  readonly kind: string;
  readonly spec: BridgeSpec;
  /** What this kind offers beyond the wire: `enroll` for zfm, `place`/`lift` for zfm-device, … */
  readonly api: Api;
  readonly state: EndpointState;
  readonly connections: number;
  /** What the operator must know (a listener that wants a token), for the banner; undefined: nothing. */
  readonly notice: string | undefined;
  /** The bound address of a TCP bridge (`127.0.0.1:7000`). */
  address(): string | undefined;
  /** Settles once the transport first opened or failed (failures are retried regardless). */
  ready(): Promise<void>;
  stop(): Promise<void>;
}

export type ApiOf<K extends BridgeKind> = (typeof DRIVERS)[K] extends Driver<infer A> ? A : object;

/**
 * node-serialport, loaded when a serial device is opened: its native binding and parsers cost every
 * clock's start some 0.1–0.2 s of CPU, and most clocks have no serial bridge (or one on tcp: or stdio).
 */
const serialPortLib = (): { SerialPort: typeof SerialPort } =>
  createRequire(import.meta.url)('serialport') as { SerialPort: typeof SerialPort };

export const openSerialPort: OpenPort = (path, baudRate) =>
  new (serialPortLib().SerialPort)({ path, baudRate, autoOpen: false });

export function startBridge<K extends BridgeKind>(
  clock: Clock,
  spec: `${K}:${string}` | (BridgeSpec & { kind: K }),
  options?: BridgeOptions,
): Bridge<ApiOf<K>>;
export function startBridge(clock: Clock, spec: string | BridgeSpec, options?: BridgeOptions): Bridge;
export function startBridge(clock: Clock, specOrText: string | BridgeSpec, options: BridgeOptions = {}): Bridge {
  const spec = typeof specOrText === 'string' ? parseBridgeSpec(specOrText) : specOrText;
  const driver = driverFor(spec.kind);
  if (driver === undefined) throw unknownKind(spec.text, spec.kind);
  const log = (options.logger ?? createLogger({ level: 'silent' })).child({
    module: 'serial',
    bridge: spec.kind,
    path: spec.path,
  });
  const timers = clockTimers(clock);
  const instance = driver.create({
    clock,
    spec,
    log,
    timers,
    dataDir: options.dataDir,
    cloudSwitch: options.cloudSwitch,
  });
  const connect = instance.connect.bind(instance);
  const retrying = { connect, timers, log, retryMs: opt(spec.options, 'retry') };
  let endpoint: Endpoint;
  if (spec.path === 'stdio') {
    const stdio = options.stdio ?? { input: process.stdin, output: process.stdout };
    endpoint = new StdioEndpoint(stdio.input, stdio.output, connect, log);
  } else if (spec.path.startsWith('tcp:')) {
    const tcp = parseTcpPath(spec.path);
    if (typeof tcp === 'string') throw codedError('TC_ERR_BRIDGE_SPEC', `bridge "${spec.text}": path ${tcp}`);
    endpoint = new TcpEndpoint(tcp.host, tcp.port, retrying);
  } else {
    const openPort = options.openPort ?? openSerialPort;
    endpoint = new SerialEndpoint(spec.path, opt(spec.options, 'baud'), openPort, retrying);
  }
  endpoint.start();
  log.info({ spec: spec.text }, 'bridge started');
  if (instance.notice !== undefined) log.warn({ spec: spec.text }, instance.notice);
  return {
    kind: spec.kind,
    spec,
    api: instance.api,
    get state() {
      return endpoint.state;
    },
    get connections() {
      return endpoint.connections;
    },
    notice: instance.notice,
    address: () => endpoint.address(),
    ready: () => endpoint.ready,
    async stop() {
      await endpoint.stop();
      instance.stop?.();
      log.info('bridge stopped');
    },
  };
}
