// The wiegand bridge over node-serialport's mock binding: card bursts punch, key bursts type.
import { describe, expect, it } from 'vitest';
import { encodeKeyBurst, encodeWiegand26, encodeWiegand34, encodeWiegandLine } from '../../src/serial/index.js';
import { openMockBridge, until, wire } from './helpers.js';

async function open(spec: `wiegand:${string}`) {
  const { clock, ports } = await openMockBridge(spec);
  return { clock, emit: (b: Buffer) => ports.latest().port!.emitData(b), ports };
}

describe('wiegand bridge', () => {
  it('punches the card of a 34-bit burst (its 32 data bits)', async () => {
    const { clock, emit, ports } = await open('wiegand:/dev/ttyW0');
    emit(encodeWiegandLine(encodeWiegand34(3808980205), 'bits'));
    await until(() => clock.punches().length === 1, 'a punch');
    expect(clock.punches()[0]).toMatchObject({ pin: '1004', verify: 4 });
    expect(wire(ports.latest())).toHaveLength(0);
  });

  it('takes only the card-number field with id=number, here in hex lines', async () => {
    const { clock, emit } = await open('wiegand:/dev/ttyW1,format=hex,id=number');
    emit(encodeWiegandLine(encodeWiegand26(90, 3003), 'hex'));
    await until(() => clock.punches().length === 1, 'a punch');
    expect(clock.punches()[0]).toMatchObject({ pin: '1003', verify: 4 });
  });

  it('types a badge number from 4-bit key bursts, # being OK', async () => {
    const { clock, emit } = await open('wiegand:/dev/ttyW2');
    const keys = [1, 0, 0, 3, 11].map((code) => encodeWiegandLine(encodeKeyBurst(code, 4), 'bits'));
    emit(Buffer.concat(keys));
    await until(() => clock.punches().length === 1, 'a punch by ID');
    expect(clock.punches()[0]).toMatchObject({ pin: '1003', verify: 0 });
  });

  it('cancels an entry with an 8-bit * (ESC) burst', async () => {
    const { clock, emit } = await open('wiegand:/dev/ttyW3');
    const burst = (code: number) => encodeWiegandLine(encodeKeyBurst(code, 8), 'bits');
    emit(Buffer.concat([burst(1), burst(0)]));
    await until(() => clock.frame().screen === 'idEntry' && clock.screenText().includes('10_'), 'the entry 10');
    emit(burst(10));
    await until(() => clock.frame().screen === 'idle', 'the entry to be cancelled');
    expect(clock.punches()).toHaveLength(0);
  });
});
