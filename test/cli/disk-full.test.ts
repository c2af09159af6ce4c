// A full data volume, for real: the clock runs as its own process on a small tmpfs, the volume is filled
// to the last byte, and a punch is refused on the screen and in the control protocol's answer while the
// clock keeps answering; a user's deletion from the menu is refused the same way, with no OPLOG record
// and no "Deleted" on the screen; once space returns the next punch is stored, and nothing stored before
// is lost.
// Needs root to mount the tmpfs; elsewhere the test is skipped and says why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlitePorts } from '../../src/store/index.js';
import { ClockProcess } from '../fixtures/clock-process.js';
import { mountSmallVolume, type SmallVolume } from '../fixtures/small-volume.js';
import { LineClient, type Message } from '../serial/line-client.js';

const volume = mountSmallVolume(8);
const skipReason = 'problem' in volume ? volume.problem : undefined;
if (skipReason) console.log(`disk-full test skipped: ${skipReason}`);
const vol = volume as SmallVolume;

const BRUNO_CARD = '3809012974';
const ANA_CARD = '3809012973';
const TWO_MINUTES = 120_000;

let clock: ClockProcess;
let rig: LineClient;
let n = 0;

async function ask(body: Message): Promise<Message> {
  const { reply } = await rig.request({ id: `r${++n}`, ...body });
  return reply;
}

/** A tap after the duplicate window, answered by the control protocol. */
async function tap(card: string): Promise<Message> {
  await ask({ cmd: 'advance', ms: TWO_MINUTES });
  return ask({ cmd: 'card', card });
}

async function screenLines(): Promise<string[]> {
  const reply = await ask({ cmd: 'screen' });
  return (reply.frame as { lines: string[] }).lines;
}

describe.skipIf(skipReason !== undefined)(`a full data volume (${skipReason ?? 'tmpfs of 8 MiB'})`, () => {
  beforeAll(async () => {
    clock = ClockProcess.start([
      ...['--data', vol.path, '--lan', 'off', '--time', 'virtual:2026-11-25T07:58:00'],
      ...['--bridge', 'control:tcp:0'],
    ]);
    const [, port] = await clock.waitFor(/bridge: control:tcp:0 \(listening on 127\.0\.0\.1:(\d+)\)/);
    rig = await LineClient.connect(Number(port));
    await rig.next((m) => m.type === 'hello', 'the hello');
  }, 60_000);

  afterAll(async () => {
    rig?.socket.destroy();
    await clock?.kill();
    if (!skipReason) vol.unmount();
  });

  it('stores punches while there is space', async () => {
    for (const card of [BRUNO_CARD, ANA_CARD]) expect(await tap(card)).toMatchObject({ ok: true });
    await ask({ cmd: 'advance', ms: TWO_MINUTES });
    expect(await ask({ cmd: 'keys', keys: '1003#' })).toMatchObject({ ok: true });

    const { punches } = await ask({ cmd: 'punches' });
    expect((punches as Message[]).map((p) => p.pin)).toEqual(['1002', '1001', '1003']);
  });

  it('refuses a punch on a full volume: the answer says so and the screen says "Memory full"', async () => {
    const taken = vol.fill();
    expect(taken).toBeGreaterThan(0);
    const mark = clock.mark();

    const reply = await tap(BRUNO_CARD);

    expect(reply).toMatchObject({ ok: false, error: { field: 'store' } });
    expect((reply.error as Message).message).toBe('memory full: the punch of 1002 was not stored');
    expect(await screenLines()).toEqual(expect.arrayContaining(['Memory full', 'Punch not saved']));
    // The headless screen the process prints says the same.
    await clock.waitFor(/Memory full\n\s*\nPunch not saved/, mark);
    expect(rig.received).toContainEqual(expect.objectContaining({ event: 'store.failed', fault: 'full', pin: '1002' }));
  });

  it('keeps answering while full: the screen, the stored punches, another refused punch by keypad', async () => {
    const { punches } = await ask({ cmd: 'punches' });
    expect(punches as Message[]).toHaveLength(3);

    await ask({ cmd: 'advance', ms: TWO_MINUTES });
    const keyed = await ask({ cmd: 'keys', keys: '1003#' });

    expect(keyed).toMatchObject({ ok: false, error: { field: 'store', message: expect.stringContaining('1003') } });
    await ask({ cmd: 'keys', keys: '*' });
    expect(await screenLines()).toContain('! Memory full');
  });

  it('accepts a new control client while full', async () => {
    const [, port] = clock.text.match(/listening on 127\.0\.0\.1:(\d+)/)!;
    const late = await LineClient.connect(Number(port));
    try {
      expect(await late.next((m) => m.type === 'hello', 'the hello')).toMatchObject({ serialNumber: 'TC1A000001' });
    } finally {
      late.socket.destroy();
    }
  });

  it('refuses a user’s deletion from the menu while full: the answer and the screen say so, not "Deleted"', async () => {
    for (const keys of [['MENU'], '9001#', '9999#', '1', '1003#', '2']) await ask({ cmd: 'keys', keys });

    const confirmed = await ask({ cmd: 'keys', keys: '#' });

    expect(confirmed).toMatchObject({ ok: false, error: { field: 'store' } });
    const lines = await screenLines();
    expect(lines).toContain('Memory full: not saved');
    expect(lines).not.toContain('Deleted 1003');
    expect(rig.received).toContainEqual(expect.objectContaining({ event: 'store.failed', what: 'user' }));
    await ask({ cmd: 'keys', keys: ['ESC', 'ESC', 'ESC'] });
  });

  it('carries on when space returns: the next punch is stored and thanked', async () => {
    vol.free();

    const reply = await tap(BRUNO_CARD);

    expect(reply).toMatchObject({ ok: true });
    expect((await screenLines())[0]).toBe('Thank you, Bruno Silva');
    const { punches } = await ask({ cmd: 'punches' });
    expect((punches as Message[]).map((p) => p.pin)).toEqual(['1002', '1001', '1003', '1002']);
  });

  it('keeps every stored punch in the file after the process is gone', async () => {
    await clock.stop();
    expect(clock.exitCode).toBe(0);

    const store = openSqlitePorts(`${vol.path}/clock.db`);
    try {
      expect(store.punches.after(0, 100).map((p) => p.pin)).toEqual(['1002', '1001', '1003', '1002']);
      // The refused deletion: the user is there, and no OPLOG record (9, user deleted) says otherwise.
      expect(store.users.findByPin('1003')).toMatchObject({ name: 'Chen Wei' });
      expect(store.operations.after(0, 1_000).filter((o) => o.op === 9)).toEqual([]);
    } finally {
      store.close();
    }
  });
});

const readOnly = mountSmallVolume(1, true);
const readOnlySkip = 'problem' in readOnly ? readOnly.problem : undefined;

describe.skipIf(readOnlySkip !== undefined)(`a read-only data volume (${readOnlySkip ?? 'tmpfs mounted ro'})`, () => {
  afterAll(() => {
    if (!readOnlySkip) (readOnly as SmallVolume).unmount();
  });

  it('is refused at start with one clear line and no stack trace', async () => {
    const dir = (readOnly as SmallVolume).path;
    const ro = ClockProcess.start(['--data', dir, '--lan', 'off']);
    await ro.waitFor(/read-only file system/);
    await ro.stop();

    expect(ro.exitCode).toBe(2);
    expect(ro.text.trim()).toBe(
      `timeclock: data directory ${dir} is on a read-only file system: the clock keeps its punches and its ` +
        'log there. Make it writable, choose another with --data, or run with --memory.',
    );
  });
});
