// A clock started as users start it (`timeclock run --headless --lan 127.0.0.1:0`, its own process) and
// raw LAN clients over real sockets, from any loopback address: the attackers of the flood tests.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';
import { ClockProcess } from '../fixtures/clock-process.js';
import { CMD, encodePacket, tcpFrame } from '../../src/lan/index.js';

export interface LanClock {
  clock: ClockProcess;
  port: number;
  /** Lines the clock logged from its LAN room (JSON on stderr) since `from`. */
  lanLines(from?: number): string[];
  stop(): Promise<void>;
}

/** `extra` are more `run` flags; the demo company is seeded unless `--no-demo` is among them. */
export async function startLanClock(extra: string[] = []): Promise<LanClock> {
  const clock = ClockProcess.start(['--memory', '--cloud', 'none', '--lan', '127.0.0.1:0', ...extra]);
  const [, port] = await clock.waitFor(/lan: .* on 127\.0\.0\.1:(\d+)/);
  await clock.waitFor(/Enter ID/);
  return {
    clock,
    port: Number(port),
    lanLines: (from = 0) =>
      clock.text
        .slice(from)
        .split('\n')
        .filter((line) => line.includes('"module":"lan"')),
    stop: () => clock.stop(),
  };
}

/** Sets the comm key through the clock's own menu (a clock without admins opens it to anyone). */
export async function setCommKey(lan: LanClock, key: number): Promise<void> {
  await lan.clock.send(['menu', '3', '1', '5', 'back', ...String(key).split(''), 'ok'], new RegExp(`Comm key: ${key}`));
  await lan.clock.send(['esc', 'esc', 'esc'], /Enter ID/);
}

/** A raw TCP client bound to `localAddress` (any 127.x.y.z): sends one request, resolves with the answer. */
export class RawTcp {
  private pending = Buffer.alloc(0);
  private waiting: ((packet: Buffer) => void) | undefined;
  private reply = 65534;
  session = 0;
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk) => {
      this.pending = Buffer.concat([this.pending, chunk]);
      while (this.pending.length >= 8 && this.pending.length >= 8 + this.pending.readUInt32LE(4)) {
        const size = 8 + this.pending.readUInt32LE(4);
        const packet = this.pending.subarray(8, size);
        this.pending = this.pending.subarray(size);
        const wake = this.waiting;
        this.waiting = undefined;
        wake?.(packet);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => (this.closed = true));
  }

  static open(port: number, localAddress = '127.0.0.1'): Promise<RawTcp> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host: '127.0.0.1', localAddress });
      socket.once('connect', () => resolve(new RawTcp(socket)));
      socket.once('error', reject);
    });
  }

  /** Resolves with the answer's command and payload; rejects if the clock closes the connection first. */
  request(command: number, payload: Buffer = Buffer.alloc(0)): Promise<{ command: number; payload: Buffer }> {
    this.reply = (this.reply + 1) % 65535;
    const frame = tcpFrame(encodePacket(command, this.session, this.reply, payload));
    return new Promise((resolve, reject) => {
      const closed = () => reject(new Error(`the clock closed the connection before answering ${command}`));
      this.socket.once('close', closed);
      this.waiting = (packet) => {
        this.socket.off('close', closed);
        if (command === CMD.CONNECT) this.session = packet.readUInt16LE(4);
        resolve({ command: packet.readUInt16LE(0), payload: packet.subarray(8) });
      };
      this.socket.write(frame);
    });
  }

  whenClosed(): Promise<void> {
    return this.closed ? Promise.resolve() : new Promise((resolve) => this.socket.once('close', () => resolve()));
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** A UDP socket on its own port (of `localAddress`): sends datagrams, resolves with the next answer. */
export async function rawUdp(
  port: number,
  localAddress = '127.0.0.1',
): Promise<{
  socket: UdpSocket;
  send(bytes: Buffer): void;
  ask(bytes: Buffer): Promise<Buffer>;
  close(): Promise<void>;
}> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, localAddress, () => resolve()));
  return {
    socket,
    send: (bytes) => socket.send(bytes, port, '127.0.0.1'),
    ask: (bytes) =>
      new Promise((resolve) => {
        socket.once('message', resolve);
        socket.send(bytes, port, '127.0.0.1');
      }),
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
