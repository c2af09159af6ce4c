// A table that fits one chunk is answered at once as DATA over TCP, as real clocks answer small reads:
// an SDK in another process takes it whole however the network groups the bytes (node-zklib drops a
// DATA packet that arrives in the same read as the PREPARE_DATA before it).
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CMD, FCT, REPLY, TcpFrameDecoder, encodePacket, tcpFrame } from '../../src/lan/index.js';
import { lanRig, type LanRig } from './helpers.js';

let rig: LanRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** Sends packets over one TCP connection and collects every packet that comes back, in order. */
async function tcpExchange(port: number, packets: (session: number) => Buffer[]): Promise<Buffer[]> {
  const socket = net.connect(port, '127.0.0.1');
  const decoder = new TcpFrameDecoder();
  const received: Buffer[] = [];
  const waiters: (() => void)[] = [];
  socket.on('data', (chunk: Buffer) => {
    received.push(...decoder.push(chunk).packets);
    waiters.splice(0).forEach((wake) => wake());
  });
  const count = (n: number) =>
    new Promise<void>((resolve) => {
      const check = () => (received.length >= n ? resolve() : waiters.push(check));
      check();
    });
  socket.write(tcpFrame(encodePacket(CMD.CONNECT, 0, 65534)));
  await count(1);
  const session = received[0]!.readUInt16LE(4);
  const requests = packets(session);
  for (const request of requests) socket.write(tcpFrame(request));
  await count(1 + requests.length);
  socket.destroy();
  return received.slice(1);
}

describe('a small table read over TCP', () => {
  it('comes back as one DATA packet holding the size and every user record', async () => {
    rig = await lanRig({});
    const wrrq = Buffer.alloc(11);
    wrrq.writeUInt8(1, 0);
    wrrq.writeUInt16LE(CMD.USERTEMP_RRQ, 1);
    wrrq.writeUInt32LE(FCT.USER, 3);

    const [answer] = await tcpExchange(rig.listener.port, (session) => [encodePacket(CMD.DATA_WRRQ, session, 1, wrrq)]);

    const users = rig.clock.records.users.count();
    expect(users).toBeGreaterThan(0);
    expect(answer!.readUInt16LE(0)).toBe(CMD.DATA);
    expect(answer!.readUInt32LE(8)).toBe(users * 72);
    expect(answer!.length).toBe(8 + 4 + users * 72);
    expect(answer!.readUInt16LE(0)).not.toBe(REPLY.OK);
  });
});
