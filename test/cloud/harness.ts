// Test harness of the cloud suites: a cloud on loopback with a virtual clock, and a minimal clock that
// speaks PUSH through the codec and applies commands with the firmware's own interpreter.
import { executeCommandLine } from '../../firmware/command-apply.js';
import { commandNameOf, formatReply, parseCommandBody } from '../../firmware/commands.js';
import type { ClockPorts } from '../../firmware/ports.js';
import { defaultSettings } from '../../firmware/settings.js';
import { loadDeviceModel } from '../../src/devices/index.js';
import { createCloud, type Cloud, type CloudOptions } from '../../src/cloud/index.js';
import { httpTransport, type PushRequest, type PushResponse, type PushTransport } from '../../src/protocol/index.js';
import { createMemoryPorts } from '../../src/store/index.js';
import type { Clock } from '../../src/runtime/index.js';
import { closeAfterEach } from '../fixtures/after-each.js';

export const START = Date.UTC(2026, 10, 25, 8, 0, 0);
/** The API token the test clouds accept as a SysAdmin's (the cloud's `token` option). */
export const TEST_TOKEN = 'test-token-0123456789';

export interface Harness {
  cloud: Cloud;
  url: string;
  transport: PushTransport;
  /** The cloud's virtual time, UTC ms. */
  time: { now: number };
  advance(ms: number): void;
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiReply>;
}

export interface ApiReply {
  status: number;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test assertions read any field
}

/** A cloud listening on 127.0.0.1:0, with virtual time and the given options. */
export async function startCloud(options: CloudOptions = {}, timeoutMs = 5_000): Promise<Harness> {
  const time = { now: START };
  const cloud = createCloud({ now: () => time.now, token: TEST_TOKEN, ...options });
  const listener = await cloud.listen();
  const transport = httpTransport(listener.url, { timeoutMs, keepAlive: false });
  closeAfterEach(async () => {
    transport.close();
    await cloud.close();
  });
  return {
    cloud,
    url: listener.url,
    transport,
    time,
    advance: (ms) => void (time.now += ms),
    api: (method, path, body, headers = {}) => apiCall(listener.url, method, path, body, headers),
  };
}

export async function apiCall(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiReply> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_TOKEN}`, ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : JSON.parse(text) };
}

/** A clock reduced to its wire: it polls, applies commands with the firmware, and answers devicecmd. */
const HANDSHAKE = { options: 'all', pushver: '2.4.1', language: '69' };

export class WireClock {
  private readonly model = loadDeviceModel('biometric');
  /** The device key its first handshake took (RegistryCode=), sent as a real clock sends it. */
  key: string | undefined;
  private handshaken = false;

  constructor(
    readonly sn: string,
    private readonly transport: PushTransport,
    /** A running clock, whose firmware applies the commands; without one, a bare store in memory (ports). */
    private readonly clock?: Pick<Clock, 'command'>,
  ) {}

  /** The bare store the commands are applied to when no running clock was given. */
  readonly ports: ClockPorts = createMemoryPorts();

  get(path: string, query: Record<string, string> = {}): Promise<PushResponse> {
    return this.send({ method: 'GET', path, query: { SN: this.sn, ...query } });
  }

  post(path: string, body: string, query: Record<string, string> = {}): Promise<PushResponse> {
    return this.send({ method: 'POST', path, query: { SN: this.sn, ...query }, body });
  }

  handshake(): Promise<PushResponse> {
    this.handshaken = true;
    return this.send({ method: 'GET', path: '/iclock/cdata', query: { SN: this.sn, ...HANDSHAKE } });
  }

  /** As a clock does: the handshake first (which may hand it its key), then every request with the key. */
  private async send(request: PushRequest): Promise<PushResponse> {
    if (!this.handshaken) await this.handshake();
    const headers: Record<string, string> = this.key === undefined ? {} : { authorization: `Bearer ${this.key}` };
    const res = await this.transport.request({ ...request, headers });
    this.key = /^RegistryCode=(\S+)$/m.exec(res.body)?.[1] ?? this.key;
    return res;
  }

  /** One poll: the commands received are applied and answered; returns the getrequest body. */
  async poll(): Promise<string> {
    const res = await this.get('/iclock/getrequest');
    const { commands } = parseCommandBody(res.body);
    if (commands.length === 0) return res.body;
    const replies = commands.map((line) => {
      if (this.clock !== undefined) {
        const { outcome, answered } = this.clock.command(line);
        return formatReply(line.id, commandNameOf(answered), outcome);
      }
      const ctx = {
        ports: this.ports,
        model: this.model,
        settings: defaultSettings(this.model),
        now: 0,
        serialNumber: this.sn,
      };
      const { outcome, answered } = executeCommandLine(line, ctx);
      return formatReply(line.id, commandNameOf(answered), outcome);
    });
    await this.post('/iclock/devicecmd', `${replies.join('\n')}\n`);
    return res.body;
  }

  /** Polls until the cloud has nothing more for this clock. */
  async drain(): Promise<void> {
    for (let i = 0; i < 20; i++) if ((await this.poll()) === 'OK') return;
    throw new Error(`${this.sn} still has commands after 20 polls`);
  }
}
