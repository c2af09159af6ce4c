// The osdp bridge (the clock as control panel) over node-serialport's mock binding, with a scripted
// reader answering what the panel wrote on the wire: identification, sequence numbers, cards and keys
// in, the result out as LED, BUZ and TEXT, and NAK, BUSY and an offline reader.
import { describe, expect, it } from 'vitest';
import {
  OsdpDecoder,
  encodeKeypad,
  encodeOsdp,
  encodePdid,
  encodeRaw,
  encodeWiegand34,
  fromHex,
  type OsdpFrame,
} from '../../src/serial/index.js';
import { answerWrites, drive, messages, openMockBridge, until, wire, type MockPorts } from './helpers.js';
import { closeAfterEach } from '../fixtures/after-each.js';

const ID_VECTOR = fromHex('FF 53 65 09 00 04 61 00 D9 7A');
/** How far each drive advances virtual time here: a fifth of the panel's poll interval (poll=100 below). */
const STEP_MS = 20;
type Answer = { code: number; data?: Buffer } | 'silent';
/** The reader: answers each command with `answer(frame)`; every command it saw is kept. */
function reader(ports: MockPorts, answer: (f: OsdpFrame) => Answer) {
  const decoder = new OsdpDecoder();
  const seen: OsdpFrame[] = [];
  const stop = answerWrites(ports, (chunk, port) => {
    for (const frame of decoder.push(chunk)) {
      seen.push(frame);
      const a = answer(frame);
      if (a === 'silent') continue;
      port.emitData(encodeOsdp({ ...frame, reply: true, code: a.code, data: a.data ?? Buffer.alloc(0) }));
    }
  });
  closeAfterEach(stop);
  return seen;
}

const PDID = {
  code: 0x45,
  data: encodePdid({ vendor: '0A0B0C', model: 1, version: 2, serialNumber: 7, firmware: '1.0.0' }),
};

/** A plain reader: PDID to ID, PDCAP to CAP, LSTATR to LSTAT, ACK to the rest, and `extra` first. */
function plain(extra: (f: OsdpFrame) => Answer | undefined = () => undefined) {
  return (f: OsdpFrame): Answer => {
    const special = extra(f);
    if (special !== undefined) return special;
    if (f.code === 0x61) return PDID;
    if (f.code === 0x62) return { code: 0x46, data: Buffer.from([4, 1, 1]) };
    if (f.code === 0x64) return { code: 0x48, data: Buffer.from([0, 0]) };
    return { code: 0x40 };
  };
}

async function panel(extra: string, answer: (f: OsdpFrame) => Answer) {
  const opened = await openMockBridge(`osdp:/dev/ttyOSDP,poll=100,timeout=5000${extra}`);
  return { ...opened, seen: reader(opened.ports, answer) };
}

describe('osdp bridge (the clock as control panel)', () => {
  it('starts with ID at sequence 0, byte for byte the public vector', async () => {
    const { ports } = await panel(',address=101', plain());
    await until(() => wire(ports.latest()).length >= ID_VECTOR.length, 'the first command');
    expect(wire(ports.latest()).subarray(0, ID_VECTOR.length)).toEqual(ID_VECTOR);
  });

  it('identifies the reader, then polls with sequences 1, 2, 3, 1, …', async () => {
    const { clock, seen, log } = await panel('', plain());
    await drive(clock, () => seen.length >= 7, 'seven commands', STEP_MS);
    expect(seen.slice(0, 7).map((f) => [f.code, f.sequence])).toEqual([
      [0x61, 0],
      [0x62, 1],
      [0x64, 2],
      [0x60, 3],
      [0x60, 1],
      [0x60, 2],
      [0x60, 3],
    ]);
    expect(log.lines).toContainEqual(expect.objectContaining({ msg: 'reader identified' }));
  });

  it.each([
    {
      reply: 'a RAW reply (a card)',
      answer: { code: 0x50, data: encodeRaw(encodeWiegand34(3808980205), 1) },
      punch: { pin: '1004', verify: 4 },
    },
    {
      reply: 'a KEYPAD reply (ID and #)',
      answer: { code: 0x53, data: encodeKeypad('1003#') },
      punch: { pin: '1003', verify: 0 },
    },
  ])('punches once from $reply to a POLL', async ({ answer, punch }) => {
    let sent = false;
    const { clock } = await panel(
      '',
      plain((f) => (f.code === 0x60 && !sent ? ((sent = true), answer) : undefined)),
    );
    await drive(clock, () => clock.punches().length === 1, 'a punch', STEP_MS);
    expect(clock.punches()[0]).toMatchObject(punch);
  });

  it('shows a punch on the reader: green LED, one beep, the thank-you text', async () => {
    const { clock, seen } = await panel('', plain());
    await drive(clock, () => seen.some((f) => f.code === 0x60), 'polling', STEP_MS);
    clock.tapCard('3003');
    await drive(clock, () => seen.some((f) => f.code === 0x6b), 'the TEXT command', STEP_MS);
    const led = seen.find((f) => f.code === 0x69)!;
    const buz = seen.find((f) => f.code === 0x6a)!;
    const text = seen.find((f) => f.code === 0x6b)!;
    expect(led.data[5]).toBe(2); // temporary on colour: green
    expect(buz.data[4]).toBe(1); // one beep
    expect(text.data.subarray(6).toString('ascii')).toBe('Thank you, Una User');
  });

  it('shows a refusal in red with three beeps', async () => {
    const { clock, seen } = await panel(',text=off', plain());
    await drive(clock, () => seen.some((f) => f.code === 0x60), 'polling', STEP_MS);
    clock.tapCard('999');
    await drive(clock, () => seen.some((f) => f.code === 0x6a), 'the BUZ command', STEP_MS);
    expect(seen.find((f) => f.code === 0x69)!.data[5]).toBe(1);
    expect(seen.find((f) => f.code === 0x6a)!.data[4]).toBe(3);
    expect(seen.some((f) => f.code === 0x6b)).toBe(false);
  });

  it('restarts the sequence at 0 after a NAK for a sequence error', async () => {
    let naks = 0;
    const { clock, seen } = await panel(
      '',
      plain((f) =>
        f.code === 0x60 && f.sequence === 2 && naks++ === 0 ? { code: 0x41, data: Buffer.of(4) } : undefined,
      ),
    );
    await drive(clock, () => naks > 0 && seen.length >= 7, 'the NAK and what follows', STEP_MS);
    const after = seen.findIndex((f) => f.code === 0x60 && f.sequence === 2);
    expect(seen[after + 1]?.sequence).toBe(0);
  });

  it('sends a command again with the same sequence after BUSY', async () => {
    let busy = 0;
    const { clock, seen } = await panel(
      '',
      plain((f) => (f.code === 0x60 && busy++ === 0 ? { code: 0x79 } : undefined)),
    );
    await drive(clock, () => seen.filter((f) => f.code === 0x60).length >= 2, 'two polls', STEP_MS);
    const polls = seen.filter((f) => f.code === 0x60);
    expect(polls[1]!.sequence).toBe(polls[0]!.sequence);
  });

  it('declares a silent reader offline, keeps the clock running, and re-identifies it when it returns', async () => {
    let silent = false;
    const { clock, seen, log } = await panel(
      ',timeout=100,offline=3',
      plain(() => (silent ? 'silent' : undefined)),
    );
    await drive(clock, () => seen.some((f) => f.code === 0x60), 'polling', STEP_MS);
    silent = true;
    const from = seen.length;
    await drive(clock, () => messages(log.lines).includes('reader offline'), 'the reader to go offline', STEP_MS);
    const unanswered = seen.slice(from, from + 3);
    // The same poll, resent with its sequence number.
    expect(new Set(unanswered.map((f) => `${f.code}/${f.sequence}`)).size).toBe(1);
    clock.tapCard('3003');
    expect(clock.punches()).toHaveLength(1);

    silent = false;
    const before = seen.length;
    await drive(
      clock,
      () => messages(log.lines).filter((m) => m === 'reader identified').length === 2,
      'it to return',
      STEP_MS,
    );
    expect(seen[before]).toMatchObject({ code: 0x61, sequence: 0 });
  });

  it('uses the one-byte checksum with check=checksum', async () => {
    const { ports } = await panel(',check=checksum', plain());
    await until(() => wire(ports.latest()).length >= 9, 'the first command');
    const first = wire(ports.latest()).subarray(0, 9);
    expect(first[5]! & 0x04).toBe(0);
    expect(first.readUInt16LE(3)).toBe(8); // 53 addr len len ctrl 61 00 checksum
  });
});
