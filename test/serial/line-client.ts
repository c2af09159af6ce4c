// A control-protocol client over real TCP for the load tests: it parses lines as they come, pairs a
// request with its reply, and can stop reading, as a stuck rig does. It keeps no time: how long a reply
// takes is the benchmark's (scripts/bench/control-load.ts), the tests count what happened meanwhile.
import net from 'node:net';

export type Message = Record<string, unknown>;

export class LineClient {
  readonly received: Message[] = [];
  /** Resolves when the server has closed the connection (or it broke). */
  readonly closed: Promise<void>;
  private partial = '';
  private discarding = false;
  private waiters: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];

  private constructor(readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.take(chunk));
    socket.on('error', () => {});
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static async connect(port: number, host = '127.0.0.1'): Promise<LineClient> {
    const socket = net.connect(port, host);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new LineClient(socket);
  }

  /** Stops reading: what the clock writes piles up in the kernel, then in the clock's outbox. */
  stopReading(): void {
    this.socket.pause();
  }

  readAgain(): void {
    this.socket.resume();
  }

  /** Reads but does not parse: a fast rig whose parsing would only slow the test process down. */
  discardIncoming(): void {
    this.discarding = true;
  }

  send(line: Message | string): void {
    this.socket.write(typeof line === 'string' ? line : `${JSON.stringify(line)}\n`);
  }

  /** The first message (already received or still to come) that `match` accepts. */
  next(match: (m: Message) => boolean, what: string, ms = 5000): Promise<Message> {
    const seen = this.received.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
      this.waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  /** Sends a request with an id and resolves with its reply. */
  async request(body: Message & { id: string | number }): Promise<{ reply: Message }> {
    const reply = this.next((m) => m.type === 'reply' && m.id === body.id, `the reply to ${body.id}`);
    this.send(body);
    return { reply: await reply };
  }

  private take(chunk: string): void {
    if (this.discarding) return;
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      const message = JSON.parse(line) as Message;
      this.received.push(message);
      for (const w of this.waiters.filter((w) => w.match(message))) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(message);
      }
    }
  }
}
