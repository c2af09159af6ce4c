// Raw packets over UDP and TCP: pyzk's recorded request/response pairs replayed, the comm key
// handshake, and bad or unknown packets answered with the protocol's errors while the clock keeps running.
//
// The recorded vectors are from fananimi/pyzk `test.py` (commit 0d04f61e1fcc149d9358bf4a606fe6a619c29df2,
// the same pairs in its older versions): the requests pyzk's tests assert it sends (`send.assert_called_with`)
// and the device answers they feed it (`recv.side_effect`). test.py holds no GET_VERSION or
// ~SerialNumber pair; only what it holds is replayed here.
import { createSocket, type Socket } from 'node:dgram';
import { connect, type Socket as TcpSocket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CMD, REPLY, commKeyBytes, encodePacket } from '../../src/lan/index.js';
import { ANA, BEN, lanRig, next, seedPunches, type LanRig } from './helpers.js';

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

/** A TCP client that sends raw frames and collects whole answer frames (with their 8-byte TCP head). */
async function tcpClient(rig: LanRig): Promise<(frame: Buffer, answers?: number) => Promise<Buffer[]>> {
  const socket: TcpSocket = connect(rig.listener.port, '127.0.0.1');
  await next<void>((resolve) => socket.once('connect', () => resolve()));
  cleanup.push(() => void socket.destroy());
  let pending = Buffer.alloc(0);
  let waiting: { count: number; frames: Buffer[]; resolve: (frames: Buffer[]) => void } | undefined;
  socket.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    while (waiting && pending.length >= 8 && pending.length >= 8 + pending.readUInt32LE(4)) {
      const size = 8 + pending.readUInt32LE(4);
      waiting.frames.push(pending.subarray(0, size));
      pending = pending.subarray(size);
      if (waiting.frames.length === waiting.count) {
        const done = waiting;
        waiting = undefined;
        done.resolve(done.frames);
      }
    }
  });
  return (frame, answers = 1) =>
    next<Buffer[]>((resolve) => {
      waiting = { count: answers, frames: [], resolve };
      socket.write(frame);
    });
}

const hex = (text: string): Buffer => Buffer.from(text, 'hex');

/**
 * pyzk's `create_checksum`, written out here so the test does not trust the codec it checks: the u16 LE
 * words summed (folded at 65535), complemented. The sender takes it over the header whose reply id is one
 * less than the one on the wire (pyzk increments after the checksum); pyzk's recorded device answers
 * check out the same way.
 */
function pyzkChecksumHolds(packet: Buffer): boolean {
  const copy = Buffer.from(packet);
  copy.writeUInt16LE(0, 2);
  copy.writeUInt16LE((packet.readUInt16LE(6) + 65534) % 65535, 6);
  let sum = 0;
  for (let i = 0; i + 1 < copy.length; i += 2) {
    sum += copy.readUInt16LE(i);
    if (sum > 65535) sum -= 65535;
  }
  if (copy.length % 2 === 1) sum += copy[copy.length - 1]!;
  while (sum > 65535) sum -= 65535;
  let check = ~sum;
  while (check < 0) check += 65535;
  return check === packet.readUInt16LE(2);
}

/** The header of a TCP answer frame, as pyzk unpacks it (`<4H` after the 8-byte TCP head). */
function header(frame: Buffer): { command: number; session: number; reply: number; checksumHolds: boolean } {
  expect(frame.subarray(0, 4).toString('hex')).toBe('5050827d');
  expect(frame.readUInt32LE(4)).toBe(frame.length - 8);
  const packet = frame.subarray(8);
  return {
    command: packet.readUInt16LE(0),
    session: packet.readUInt16LE(4),
    reply: packet.readUInt16LE(6),
    checksumHolds: pyzkChecksumHolds(packet),
  };
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

  it("checks pyzk's recorded device answers with the checksum helper these tests use", () => {
    // test.py: tcp CMD_ACK_OK to CONNECT, CMD_UNAUTH twice, CMD_ACK_OK to AUTH. (Its recorded sizes
    // answer is 6 bytes shorter than its TCP head says, so its checksum cannot be checked.)
    for (const recorded of [
      '5050827d08000000d007fffc2ffb0000',
      '5050827d08000000d5075bb2cf450000',
      '5050827d08000000d5075ab2cf450100',
      '5050827d08000000d0075fb2cf450100',
    ]) {
      expect(header(hex(recorded)).checksumHolds).toBe(true);
    }
  });

  it("answers pyzk's recorded UDP EXIT (test_udp_connect) with ACK_OK in its session", async () => {
    const send = await udpClient(await rigged({ firstSessionId: 0xfb2f }));
    await send(hex('e80317fc00000000'));

    const reply = await send(hex('e903e6002ffb0100'));

    expect(reply.readUInt16LE(0)).toBe(REPLY.OK);
    expect(reply.readUInt16LE(4)).toBe(0xfb2f);
    expect(reply.readUInt16LE(6)).toBe(1);
    expect(pyzkChecksumHolds(reply)).toBe(true);
  });
});

describe("pyzk's recorded TCP exchanges (test.py)", () => {
  it('answers CONNECT (test_tcp_connect) with the recorded ACK_OK, byte for byte', async () => {
    const request = await tcpClient(await rigged({ firstSessionId: 0xfb2f }));

    const [reply] = await request(hex('5050827d08000000e80317fc00000000'));

    expect(reply!.toString('hex')).toBe('5050827d08000000d007fffc2ffb0000');
  });

  it('answers the EXIT that follows (test_tcp_connect) with ACK_OK, the reply id echoed', async () => {
    const request = await tcpClient(await rigged({ firstSessionId: 0xfb2f }));
    await request(hex('5050827d08000000e80317fc00000000'));

    const [reply] = await request(hex('5050827d08000000e903e6002ffb0100'));

    expect(header(reply!)).toEqual({ command: REPLY.OK, session: 0xfb2f, reply: 1, checksumHolds: true });
  });

  it('asks for the comm key and takes password 45 (test_tcp_auth) with the recorded answers, byte for byte', async () => {
    const request = await tcpClient(await rigged({ commKey: 45, firstSessionId: 0x45cf }));

    const [unauth] = await request(hex('5050827d08000000e80317fc00000000'));
    const [authed] = await request(hex('5050827d0c0000004e044db0cf45010061c9323c'));
    const [exit] = await request(hex('5050827d08000000e90345b6cf450200'));

    expect(unauth!.toString('hex')).toBe('5050827d08000000d5075bb2cf450000');
    expect(authed!.toString('hex')).toBe('5050827d08000000d0075fb2cf450100');
    expect(header(exit!)).toEqual({ command: REPLY.OK, session: 0x45cf, reply: 2, checksumHolds: true });
  });

  it('refuses password 12 (test_tcp_unauth) with the recorded CMD_UNAUTH, byte for byte', async () => {
    const request = await tcpClient(await rigged({ commKey: 45, firstSessionId: 0x45cf }));
    await request(hex('5050827d08000000e80317fc00000000'));

    const [refused] = await request(hex('5050827d0c0000004e044e2ccf450100614d323c'));

    expect(refused!.toString('hex')).toBe('5050827d08000000d5075ab2cf450100');
  });

  it('answers read_sizes (test_tcp_get_size) with 20 counts that decode as pyzk reads them', async () => {
    const rig = await rigged({ firstSessionId: 0x45cf });
    seedPunches(rig.clock, 3);
    const request = await tcpClient(rig);
    await request(hex('5050827d08000000e80317fc00000000'));

    const [reply] = await request(hex('5050827d080000003200fcb9cf450200'));

    expect(header(reply!)).toEqual({ command: REPLY.OK, session: 0x45cf, reply: 2, checksumHolds: true });
    // pyzk: `unpack('20i', data[:80])`, then users [4], fingers [6], records [8], cards [12],
    // finger / user / record capacity [14] [15] [16]; 92 bytes add the faces (as in its recording).
    const data = reply!.subarray(16);
    expect(data.length).toBeGreaterThanOrEqual(80);
    const field = (i: number) => data.readInt32LE(i * 4);
    expect([field(4), field(6), field(8), field(12)]).toEqual([2, 1, 3, 2]);
    expect(field(15)).toBe(rig.clock.model.capacity.users);
    expect(field(16)).toBe(rig.clock.model.capacity.punches);
  });

  it("answers get_users' DATA_WRRQ (test_tcp_get_users_small_data) at once with DATA holding pyzk's 72-byte users", async () => {
    const request = await tcpClient(await rigged({ firstSessionId: 0x45cf }));
    await request(hex('5050827d08000000e80317fc00000000'));

    // pyzk's recorded device answered this small read with CMD_DATA (`dd05`) directly, as this clock does.
    const [data] = await request(hex('5050827d13000000df053ca6cf4514000109000500000000000000'));

    expect(header(data!)).toMatchObject({ command: CMD.DATA, session: 0x45cf, reply: 0x14 });
    // pyzk: total size first, then `<HB8s24sIx7sx24s` records of size / users.
    const table = data!.subarray(16);
    expect(table.readUInt32LE(0)).toBe(table.length - 4);
    const users = (table.length - 4) / 72;
    const text = (at: number, length: number) => table.toString('latin1', at, at + length).replace(/\0.*$/s, '');
    const read = Array.from({ length: users }, (_, i) => 4 + i * 72).map((at) => ({
      uid: table.readUInt16LE(at),
      privilege: table[at + 2],
      name: text(at + 11, 24),
      card: table.readUInt32LE(at + 35),
      userId: text(at + 48, 24),
    }));
    expect(read).toEqual([
      { uid: 1, privilege: 14, name: ANA.name, card: Number(ANA.card), userId: ANA.pin },
      { uid: 2, privilege: 0, name: BEN.name, card: Number(BEN.card), userId: BEN.pin },
    ]);
  });

  it('answers FREE_DATA (test_tcp_get_users_broken_tcp) with ACK_OK, the reply id echoed', async () => {
    const request = await tcpClient(await rigged({ firstSessionId: 0x3c5c }));
    await request(hex('5050827d08000000e80317fc00000000'));

    const [reply] = await request(hex('5050827d08000000de05aebd5c3c1700'));

    expect(header(reply!)).toEqual({ command: REPLY.OK, session: 0x3c5c, reply: 0x17, checksumHolds: true });
  });
});

describe('raw packets: the comm key, reply ids and bad input', () => {
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
