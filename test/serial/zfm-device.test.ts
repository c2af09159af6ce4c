// zfm-device over node-serialport's mock binding: a rig sends module commands and gets the answers an
// R307/R503 would give for the finger the scenario placed on the emulated sensor.
import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { ZfmDecoder, fromHex, startBridge, zfm, zfmAck, type ZfmPacket } from '../../src/serial/index.js';
import { createMockDevice, mockPorts, serialClock, until, wire } from './helpers.js';

const cleanup: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  SerialPortMock.binding.reset();
});

async function device(extra = '') {
  createMockDevice('/dev/ttyZD');
  const clock = serialClock();
  const ports = mockPorts();
  const bridge = startBridge(clock, `zfm-device:/dev/ttyZD${extra}`, { openPort: ports.openPort });
  cleanup.push(
    () => clock.close(),
    () => bridge.stop(),
  );
  await until(() => bridge.state === 'open', 'the port to open');
  const decoder = new ZfmDecoder();
  const answers: ZfmPacket[] = [];
  let seen = 0;
  /** Sends one command as a rig would and waits for the module's acknowledgement. */
  const ask = async (command: Buffer): Promise<ZfmPacket> => {
    const before = answers.length;
    ports.latest().port!.emitData(command);
    await until(() => {
      const rec = wire(ports.latest());
      answers.push(...decoder.push(rec.subarray(seen)));
      seen = rec.length;
      return answers.length > before;
    }, 'an acknowledgement');
    return answers[before]!;
  };
  return { bridge, ask, ports };
}

describe('zfm-device', () => {
  it('answers GenImg with "no finger" while the sensor is empty, byte for byte', async () => {
    const { ask, ports } = await device();
    await ask(zfm.genImg());
    expect(wire(ports.latest())).toEqual(fromHex('EF 01 FF FF FF FF 07 00 03 02 00 0C'));
  });

  it('identifies the placed finger: GenImg, Img2Tz, Search find its page', async () => {
    const { bridge, ask } = await device();
    bridge.api.place('1004/right-index');
    expect((await ask(zfm.genImg())).payload[0]).toBe(0x00);
    expect((await ask(zfm.img2Tz(1))).payload[0]).toBe(0x00);
    const found = await ask(zfm.search(1, 0, 200));
    // The library starts with the clock's templates in PIN order: 1003 on page 0, 1004 on page 1.
    expect(found.payload).toEqual(Buffer.from([0x00, 0, 1, 0, 200]));
  });

  it('answers "not found" for a finger nobody enrolled', async () => {
    const { bridge, ask } = await device();
    bridge.api.place({ badge: 9999, finger: 'left-thumb' });
    await ask(zfm.genImg());
    await ask(zfm.img2Tz(1));
    expect((await ask(zfm.search(1, 0, 200))).payload[0]).toBe(0x09);
  });

  it('says "image messy" when the placed finger is of poor quality', async () => {
    const { bridge, ask } = await device();
    bridge.api.place('1003/right-index', 'poor');
    await ask(zfm.genImg());
    expect((await ask(zfm.img2Tz(1))).payload[0]).toBe(0x06);
  });

  it('enrolls: two images of one finger merge (RegModel) and Store puts them on a page', async () => {
    const { bridge, ask } = await device();
    bridge.api.place('1005/left-index');
    for (const buffer of [1, 2] as const) {
      await ask(zfm.genImg());
      await ask(zfm.img2Tz(buffer));
    }
    expect((await ask(zfm.regModel())).payload[0]).toBe(0x00);
    expect((await ask(zfm.store(1, 7))).payload[0]).toBe(0x00);
    expect(bridge.api.library().get(7)).toBe('1005/3');
    expect((await ask(zfm.templateNum())).payload).toEqual(Buffer.from([0x00, 0, 3]));
  });

  it('refuses to merge images of two different fingers', async () => {
    const { bridge, ask } = await device();
    for (const [buffer, finger] of [
      [1, '1003/right-index'],
      [2, '1004/right-index'],
    ] as const) {
      bridge.api.place(finger);
      await ask(zfm.genImg());
      await ask(zfm.img2Tz(buffer));
    }
    expect((await ask(zfm.regModel())).payload[0]).toBe(0x0a);
  });

  it('refuses a wrong password and a page beyond the library', async () => {
    const { ask } = await device(',password=1234,capacity=10');
    expect((await ask(zfm.vfyPwd(0))).payload[0]).toBe(0x13);
    expect((await ask(zfm.vfyPwd(0x1234))).payload[0]).toBe(0x00);
    expect((await ask(zfm.store(1, 10))).payload[0]).toBe(0x0b);
  });

  it('reports its library size and address in ReadSysPara', async () => {
    const { ask } = await device(',capacity=300');
    const params = await ask(zfm.readSysPara());
    expect(params.payload.readUInt16BE(5)).toBe(300);
    expect(params.payload.readUInt32BE(9)).toBe(0xffffffff);
  });

  it('ignores commands for another module address', async () => {
    const { ask, ports } = await device(',address=1');
    await ask(Buffer.concat([zfm.genImg(2), zfm.genImg(1)]));
    expect(wire(ports.latest())).toEqual(zfmAck(0x02, [], 1));
  });
});
