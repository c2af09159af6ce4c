// Raw packets over UDP: the comm key handshake, pyzk's CONNECT replayed, and bad or unknown packets
// answered with the protocol's errors while the clock keeps running.
import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { CMD, REPLY, commKeyBytes, encodePacket } from '../../src/lan/index.js';
import { lanRig, next, type LanRig } from './helpers.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function udpClient(rig: LanRig): Promise<(packet: Buffer) => Promise<Buffer>> {
  const socket: Socket = createSocket('udp4');
  await next<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  cleanup.push(() => next<void>((resolve) => socket.close(() => resolve())));
  return (packet) =>
    next<Buffer>((resolve) => {
      socket.once('message', resolve);
      socket.send(packet, rig.listener.port, '127.0.0.1');
    });
}

async function rigged(options: Parameters<typeof lanRig>[0] = {}): Promise<LanRig> {
  const rig = await lanRig(options);
  cleanup.push(() => rig.close());
  return rig;
}

describe('raw packets', () => {
  it("answers pyzk's recorded CONNECT with its recorded reply when the session id is 0xFB2F", async () => {
    const send = await udpClient(await rigged({ firstSessionId: 0xfb2f }));

    const reply = await send(Buffer.from('e80317fc00000000', 'hex'));

    expect(reply.toString('hex')).toBe('d007fffc2ffb0000');
  });

  it('asks for the comm key, refuses a wrong one and accepts the right one', async () => {
    const send = await udpClient(await rigged({ commKey: 123456 }));

    const connect = await send(encodePacket(CMD.CONNECT, 0, 65534));
    const session = connect.readUInt16LE(4);
    const before = await send(encodePacket(CMD.GET_FREE_SIZES, session, 0));
    const wrong = await send(encodePacket(CMD.AUTH, session, 1, commKeyBytes(654321, session)));
    const right = await send(encodePacket(CMD.AUTH, session, 2, commKeyBytes(123456, session)));
    const after = await send(encodePacket(CMD.GET_FREE_SIZES, session, 3));

    expect(connect.readUInt16LE(0)).toBe(REPLY.UNAUTH);
    expect(before.readUInt16LE(0)).toBe(REPLY.UNAUTH);
    expect(wrong.readUInt16LE(0)).toBe(REPLY.UNAUTH);
    expect(right.readUInt16LE(0)).toBe(REPLY.OK);
    expect(after.readUInt16LE(0)).toBe(REPLY.OK);
  });

  it('echoes the reply id of each request in its answer', async () => {
    const send = await udpClient(await rigged());
    const session = (await send(encodePacket(CMD.CONNECT, 0, 65534))).readUInt16LE(4);

    const answer = await send(encodePacket(CMD.GET_TIME, session, 41));

    expect(answer.readUInt16LE(6)).toBe(42);
    expect(answer.readUInt16LE(4)).toBe(session);
  });

  it('answers ACK_ERROR to a packet shorter than a header and ACK_UNKNOWN to an unknown command', async () => {
    const rig = await rigged();
    const send = await udpClient(rig);
    const session = (await send(encodePacket(CMD.CONNECT, 0, 65534))).readUInt16LE(4);

    const short = await send(Buffer.from([1, 2, 3]));
    const unknown = await send(encodePacket(4242, session, 5));

    expect(short.readUInt16LE(0)).toBe(REPLY.ERROR);
    expect(unknown.readUInt16LE(0)).toBe(REPLY.UNKNOWN);
    expect(rig.clock.state()).toBe('running');
  });

  it('answers ACK_ERROR to a chunk read before any table was prepared', async () => {
    const send = await udpClient(await rigged());
    const session = (await send(encodePacket(CMD.CONNECT, 0, 65534))).readUInt16LE(4);
    const request = Buffer.alloc(8);
    request.writeUInt32LE(1024, 4);

    const answer = await send(encodePacket(CMD.DATA_RDY, session, 1, request));

    expect(answer.readUInt16LE(0)).toBe(REPLY.ERROR);
  });
});
