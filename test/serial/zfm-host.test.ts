// The zfm bridge (the clock as host of a fingerprint module) over node-serialport's mock binding. The
// module on the other end is the emulator's pure step, answering what the host wrote on the wire.
import { describe, expect, it } from 'vitest';
import { ZfmDecoder, zfm } from '../../src/serial/index.js';
import { answerZfm, type EmulatedModule } from '../../src/serial/zfm-device.js';
import { answerWrites, drive, messages, openMockBridge, until, wire, type MockPorts } from './helpers.js';
import { closeAfterEach } from '../fixtures/after-each.js';

function moduleWith(library: [number, string][]): EmulatedModule {
  return {
    address: 0xffffffff,
    password: 0,
    capacity: 200,
    baud: 57600,
    sensor: undefined,
    library: new Map(library),
    buffers: [],
  };
}

/** Answers every command the host writes, as long as `answering` says so. */
function respond(ports: MockPorts, module: EmulatedModule, answering = () => true): () => void {
  const decoder = new ZfmDecoder();
  return answerWrites(ports, (chunk, port) => {
    for (const packet of decoder.push(chunk)) {
      const ack = answering() ? answerZfm(module, packet) : undefined;
      if (ack) port.emitData(ack);
    }
  });
}

async function host(module: EmulatedModule, extra = '') {
  const opened = await openMockBridge(`zfm:/dev/ttyZH${extra}`);
  closeAfterEach(respond(opened.ports, module));
  return opened;
}

describe('zfm bridge (the clock hosts a module)', () => {
  it('verifies the password, reads the parameters, then polls GenImg, byte for byte', async () => {
    const { ports, log } = await host(moduleWith([]));
    await until(() => messages(log.lines).includes('module ready'), 'the module to be ready');
    await until(() => wire(ports.latest()).length >= 16 + 12 + 12, 'the first poll');
    expect(wire(ports.latest()).subarray(0, 40)).toEqual(
      Buffer.concat([zfm.vfyPwd(0), zfm.readSysPara(), zfm.genImg()]),
    );
    expect(log.lines).toContainEqual(expect.objectContaining({ msg: 'module ready', capacity: 200 }));
  });

  it('punches the user mapped to the page the module finds', async () => {
    const module = moduleWith([[5, 'x/1']]);
    const { clock, bridge } = await host(module);
    bridge.api.pages.set(5, { pin: '1004', fid: 6 });
    module.sensor = { key: 'x/1', quality: 'good' };
    await drive(clock, () => clock.punches().length === 1, 'a punch');
    expect(clock.punches()[0]).toMatchObject({ pin: '1004', verify: 1 });
  });

  it('does not search again while the finger stays on the sensor', async () => {
    const module = moduleWith([[0, 'x/1']]);
    const { clock, bridge, log, ports } = await host(module);
    bridge.api.pages.set(0, { pin: '1003', fid: 6 });
    module.sensor = { key: 'x/1', quality: 'good' };
    await drive(clock, () => clock.punches().length === 1, 'a punch');
    const written = wire(ports.latest()).length;
    await drive(clock, () => wire(ports.latest()).length >= written + 12 * 3, 'three more polls');
    expect(messages(log.lines).filter((m) => m === 'finger searched')).toHaveLength(1);
  });

  it('shows an unknown finger to the clock when the module finds no page', async () => {
    const module = moduleWith([]);
    const { clock } = await host(module);
    module.sensor = { key: 'nobody/1', quality: 'good' };
    await drive(clock, () => clock.frame().screen === 'result', 'a result');
    expect(clock.frame().leds.red).toBe(true);
    expect(clock.punches()).toHaveLength(0);
  });

  it('enrolls a finger on the module, maps its page and gives the user a template', async () => {
    const module = moduleWith([[0, 'other/0']]);
    const { clock, bridge } = await host(module);
    module.sensor = { key: '1003/3', quality: 'good' };
    const enrolled = bridge.api.enroll('1003', 3);
    await drive(clock, () => module.buffers[1] === '1003/3', 'the first image');
    module.sensor = undefined;
    await drive(clock, () => module.buffers[0] === undefined, 'the finger to be lifted');
    module.sensor = { key: '1003/3', quality: 'good' };
    let result: Awaited<typeof enrolled> | undefined;
    void enrolled.then((r) => (result = r));
    await drive(clock, () => result !== undefined, 'the enrollment to finish');

    expect(result).toEqual({ ok: true, page: 1 });
    expect(module.library.get(1)).toBe('1003/3');
    expect(bridge.api.pages.get(1)).toEqual({ pin: '1003', fid: 3 });
    expect(clock.records.templates.find('1003', 3)).toBeDefined();
  });

  it('refuses to enroll a finger the module holds for another user', async () => {
    const module = moduleWith([[4, '1004/6']]);
    const { clock, bridge } = await host(module);
    bridge.api.pages.set(4, { pin: '1004', fid: 6 });
    let result: unknown;
    void bridge.api.enroll('1003', 6).then((r) => (result = r));
    module.sensor = { key: '1004/6', quality: 'good' };
    await drive(clock, () => module.buffers[1] === '1004/6', 'the first image');
    module.sensor = undefined;
    await drive(clock, () => module.buffers[0] === undefined, 'the finger to be lifted');
    module.sensor = { key: '1004/6', quality: 'good' };
    await drive(clock, () => result !== undefined, 'the enrollment to finish');
    expect(result).toEqual({ ok: false, reason: 'finger already enrolled for PIN 1004 (page 4)' });
  });

  it('refuses to enroll a PIN the clock does not have', async () => {
    const { bridge } = await host(moduleWith([]));
    expect(await bridge.api.enroll('4242', 1)).toEqual({ ok: false, reason: 'no user with PIN 4242' });
  });
});
