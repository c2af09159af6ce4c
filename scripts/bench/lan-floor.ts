// The floor of the LAN load benchmark: a bare server (plain node:net, no timeclock code) answering the
// bytes the clock answers — CONNECT, GET_FREE_SIZES, EXIT — recorded from the running clock first, so
// the same clients polling it measure what is left when the clock does no work: the clients' own, the
// kernel's loopback and one event loop's turns.
import { connect, createServer, type Socket } from 'node:net';

const MAGIC = Buffer.from([0x50, 0x50, 0x82, 0x7d]);
const [CONNECT, EXIT, GET_FREE_SIZES, ACK_OK, ACK_UNKNOWN] = [1000, 1001, 50, 2000, 0xffff];

/** The clock's answer payloads the floor gives back, as hex (they travel to the floor's process as arguments). */
export interface RecordedAnswers {
  freeSizes: string;
}

/**
 * Asks the clock once, over a raw socket, for its GET_FREE_SIZES answer; the floor answers with that
 * payload. Also checks the clock's CONNECT answer is an ACK_OK (the floor answers one).
 */
export async function recordAnswers(port: number): Promise<RecordedAnswers> {
  const socket = connect({ port, host: '127.0.0.1' });
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const frames = frameReader(socket);
  try {
    socket.write(frame(packet(CONNECT, 0, 0)));
    const hello = await frames.next();
    if (hello.readUInt16LE(0) !== ACK_OK) throw new Error(`the clock answered CONNECT with ${hello.readUInt16LE(0)}`);
    const session = hello.readUInt16LE(4);
    socket.write(frame(packet(GET_FREE_SIZES, session, 1)));
    const sizes = await frames.next();
    if (sizes.readUInt16LE(0) !== ACK_OK)
      throw new Error(`the clock answered GET_FREE_SIZES with ${sizes.readUInt16LE(0)}`);
    socket.write(frame(packet(EXIT, session, 2)));
    await frames.next();
    return { freeSizes: sizes.subarray(8).toString('hex') };
  } finally {
    socket.destroy();
  }
}

/** Serves until stdin ends; prints `floor <port>` once listening. */
export async function serveFloor(answers: RecordedAnswers): Promise<void> {
  const freeSizes = Buffer.from(answers.freeSizes, 'hex');
  let nextSession = 1;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    // As the clock's listener does: an answer leaves at once, in one write.
    socket.setNoDelay(true);
    let session = 0;
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= 16 && pending.length >= 8 + pending.readUInt32LE(4)) {
        const request = pending.subarray(8, 8 + pending.readUInt32LE(4));
        pending = pending.subarray(8 + request.length);
        const command = request.readUInt16LE(0);
        const reply = request.readUInt16LE(6);
        if (command === CONNECT) session = nextSession++;
        const [code, payload] =
          command === GET_FREE_SIZES
            ? [ACK_OK, freeSizes]
            : command === CONNECT || command === EXIT
              ? [ACK_OK, Buffer.alloc(0)]
              : [ACK_UNKNOWN, Buffer.alloc(0)];
        socket.write(frame(answer(code, session, reply, payload)));
        if (command === EXIT) socket.end();
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`floor ${(server.address() as { port: number }).port}\n`);
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.once('end', resolve));
  for (const socket of sockets) socket.destroy();
  server.close();
}

/** The device's answer to request id `reply`: the checksum taken with reply − 1, the id echoed (as the clock does). */
function answer(command: number, session: number, reply: number, payload: Buffer): Buffer {
  const buf = packet(command, session, (reply + 0xffff - 1) % 0xffff, payload);
  buf.writeUInt16LE(reply, 6);
  return buf;
}

function packet(command: number, session: number, reply: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const buf = Buffer.alloc(8 + payload.length);
  buf.writeUInt16LE(command, 0);
  buf.writeUInt16LE(session, 4);
  buf.writeUInt16LE(reply, 6);
  payload.copy(buf, 8);
  buf.writeUInt16LE(checksum(buf), 2);
  return buf;
}

/** The protocol's checksum: u16 LE words summed, folded at 65535, complemented. */
function checksum(bytes: Buffer): number {
  let sum = 0;
  let i = 0;
  for (; i + 1 < bytes.length; i += 2) {
    sum += bytes.readUInt16LE(i);
    if (sum > 0xffff) sum -= 0xffff;
  }
  if (i < bytes.length) sum += bytes[i]!;
  while (sum > 0xffff) sum -= 0xffff;
  const complement = 0xffff - 1 - sum;
  return complement < 0 ? complement + 0xffff : complement;
}

function frame(body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  MAGIC.copy(head, 0);
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

/** Whole frames from a socket, one `next()` each (the packet without its 8-byte frame head). */
function frameReader(socket: Socket): { next(): Promise<Buffer> } {
  let pending = Buffer.alloc(0);
  const waiting: ((packet: Buffer) => void)[] = [];
  const ready: Buffer[] = [];
  socket.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 8 && pending.length >= 8 + pending.readUInt32LE(4)) {
      const body = pending.subarray(8, 8 + pending.readUInt32LE(4));
      pending = pending.subarray(8 + body.length);
      const take = waiting.shift();
      if (take) take(body);
      else ready.push(body);
    }
  });
  return {
    next: () =>
      ready.length > 0
        ? Promise.resolve(ready.shift()!)
        : new Promise<Buffer>((resolve, reject) => {
            waiting.push(resolve);
            socket.once('close', () => reject(new Error('the clock closed the connection before answering')));
          }),
  };
}
