// The control protocol over node-serialport's mock binding and over stdio streams: hello, replies that
// echo the id, events before the reply that caused them, and errors as replies.
import { PassThrough } from 'node:stream';
import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { createClock, type Clock } from '../../src/runtime/index.js';
import { CONTROL_PROTOCOL_VERSION, startBridge } from '../../src/serial/index.js';
import { SCREENS_PER_REQUEST } from '../../src/serial/control-hub.js';
import { createMockDevice, mockPorts, serialClock, until, wire } from './helpers.js';

const cleanup: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  SerialPortMock.binding.reset();
});

type Message = Record<string, unknown>;

async function overMockPort() {
  createMockDevice('/dev/ttyCTL');
  const clock = serialClock();
  const ports = mockPorts();
  const bridge = startBridge(clock, 'control:/dev/ttyCTL', { openPort: ports.openPort });
  cleanup.push(
    () => clock.close(),
    () => bridge.stop(),
  );
  await until(() => bridge.state === 'open', 'the port to open');
  const received = (): Message[] =>
    wire(ports.latest())
      .toString('utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Message);
  /** Sends a request line and waits for the reply with its id. */
  const request = async (body: Message): Promise<Message> => {
    ports.latest().port!.emitData(`${JSON.stringify(body)}\n`);
    return until(() => received().find((m) => m.type === 'reply' && m.id === body.id), `the reply to ${body.id}`);
  };
  return { clock, received, request, ports };
}

describe('control protocol over a serial port', () => {
  it('greets with a hello line naming the protocol version and the clock', async () => {
    const { received } = await overMockPort();
    await until(() => received().length > 0, 'the hello line');
    expect(received()[0]).toMatchObject({
      type: 'hello',
      protocol: CONTROL_PROTOCOL_VERSION,
      product: 'timeclock-sim',
      serialNumber: 'TC1A000001',
      time: 'virtual',
    });
  });

  it('runs keys and echoes the id; the screen and punch events come before the reply', async () => {
    const { request, received } = await overMockPort();
    const reply = await request({ id: 'k1', cmd: 'keys', keys: '1003#' });
    expect(reply).toMatchObject({ type: 'reply', id: 'k1', cmd: 'keys', ok: true });
    const lines = received();
    const at = (pred: (m: Message) => boolean) => lines.findIndex(pred);
    const punch = at((m) => m.event === 'punch.recorded');
    expect(lines[punch]).toMatchObject({ punch: { pin: '1003', verify: 0, timeText: '2026-11-25 07:58:00' } });
    expect(punch).toBeLessThan(at((m) => m.id === 'k1'));
    expect(at((m) => m.event === 'leds.changed')).toBeLessThan(at((m) => m.id === 'k1'));
    expect(lines).toContainEqual(expect.objectContaining({ event: 'beeper', beep: 'ok' }));
  });

  it('reports icons when the network goes down', async () => {
    const { request, received } = await overMockPort();
    await request({ id: 1, cmd: 'network', up: false });
    expect(received()).toContainEqual(
      expect.objectContaining({ event: 'icons.changed', icons: { network: 'x', cloud: 'x' } }),
    );
  });

  it('answers screen with the frame and its text, and punches with the log', async () => {
    const { request } = await overMockPort();
    await request({ id: 1, cmd: 'card', card: '3003' });
    const screen = await request({ id: 2, cmd: 'screen' });
    expect(screen).toMatchObject({ ok: true, frame: { screen: 'result', leds: { green: true, red: false } } });
    expect(String((screen.frame as Message).text)).toContain('Thank you, Una User');
    const punches = await request({ id: 3, cmd: 'punches', after: 0 });
    expect(punches.punches).toEqual([expect.objectContaining({ seq: 1, pin: '1003', verify: 4 })]);
  });

  it('advances virtual time: the result screen times out back to idle', async () => {
    const { request } = await overMockPort();
    await request({ id: 1, cmd: 'finger', finger: '1004/right-index' });
    const advanced = await request({ id: 2, cmd: 'advance', ms: 60_000 });
    expect(advanced).toMatchObject({ ok: true, nowText: '2026-11-25 07:59:00' });
    expect(await request({ id: 3, cmd: 'screen' })).toMatchObject({ frame: { screen: 'idle' } });
  });

  it('answers a bad request with an error naming the field, and keeps going', async () => {
    const { request } = await overMockPort();
    expect(await request({ id: 7, cmd: 'press', key: 'ENTER' })).toMatchObject({
      cmd: 'press',
      ok: false,
      error: { field: 'key', message: expect.stringContaining('OK') },
    });
    expect(await request({ id: 8, cmd: 'screen' })).toMatchObject({ ok: true });
  });

  it('answers a line that is not JSON with id null', async () => {
    const { ports, received } = await overMockPort();
    ports.latest().port!.emitData('hello there\n');
    const reply = await until(() => received().find((m) => m.type === 'reply'), 'the error reply');
    expect(reply).toMatchObject({ id: null, ok: false, error: { field: 'line' } });
  });

  it('sends at most 33 screen changes for an advance of a day, the last saying how many it stands for', async () => {
    const { request, received } = await overMockPort();
    const before = received().length;

    await request({ id: 'day', cmd: 'advance', ms: 86_400_000 });

    const lines = received().slice(before);
    const screens = lines.filter((m) => m.event === 'screen.changed');
    expect(screens.length).toBeLessThanOrEqual(SCREENS_PER_REQUEST + 1);
    // A day is 1,440 minute ticks of the idle screen: all but the ones sent are coalesced into the last.
    expect(Number(screens.at(-1)!.coalesced)).toBeGreaterThanOrEqual(1440 - SCREENS_PER_REQUEST - 1);
    expect(lines.at(-1)).toMatchObject({ type: 'reply', id: 'day', nowText: '2026-11-26 07:58:00' });
  });

  it('keeps every punch of a long keys request, each after the screen before it', async () => {
    const { request, received } = await overMockPort();

    await request({ id: 'k', cmd: 'keys', keys: '1003#'.repeat(12) });

    const events = received().filter((m) => m.type === 'event');
    const punches = events.filter((m) => m.event === 'punch.recorded');
    expect(punches).toHaveLength(1); // the other 11 are "Already punched" within the duplicate window
    expect(events.filter((m) => m.event === 'screen.changed').length).toBeLessThanOrEqual(SCREENS_PER_REQUEST + 12);
  });

  it('refuses a hello for another protocol version', async () => {
    const { request } = await overMockPort();
    expect(await request({ id: 1, cmd: 'hello', protocol: 99 })).toMatchObject({
      ok: false,
      error: { field: 'protocol' },
    });
    expect(await request({ id: 2, cmd: 'hello', protocol: 1 })).toMatchObject({ ok: true, protocol: 1 });
  });
});

describe('control protocol over stdio', () => {
  /** A control bridge on a pair of streams: writes one request line, returns all the bridge wrote until its reply. */
  async function overStdio(clock: Clock, request: string): Promise<string> {
    const input = new PassThrough();
    const output = new PassThrough();
    const bridge = startBridge(clock, 'control:stdio', { stdio: { input, output } });
    cleanup.push(
      () => clock.close(),
      () => bridge.stop(),
    );
    let text = '';
    output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    input.write(`${request}\n`);
    await until(() => text.includes('"id":1'), 'the reply');
    return text;
  }

  it('speaks the same lines on any pair of streams', async () => {
    const clock = serialClock();
    const text = await overStdio(clock, '{"id":1,"cmd":"card","card":"3003"}');
    expect(text.split('\n')[0]).toContain('"type":"hello"');
    expect(clock.punches()).toHaveLength(1);
  });

  it('refuses advance on a clock in real time, as a reply', async () => {
    const text = await overStdio(createClock({ store: 'memory' }), '{"id":1,"cmd":"advance","ms":10}');
    expect(text).toContain('advance needs a clock in virtual time');
  });
});
