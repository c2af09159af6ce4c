// `timeclock run` in its own process against PUSH servers of the wild (test/fixtures/push-peers.ts), each a
// real HTTP server on loopback: templates sent only as BIODATA, a server that keeps every line it gets,
// and one that answers the handshake with a bare OK.
import { afterEach, describe, expect, it } from 'vitest';
import { simulatedTemplate } from '../../firmware/fingers.js';
import { ClockProcess } from '../fixtures/clock-process.js';
import { biodataHandshake, noDedupeHandshake, startPushPeer, type PushPeer } from '../fixtures/push-peers.js';

const T = '\t';
const POLL = { timeout: 20_000, interval: 100 };
let clock: ClockProcess | undefined;
let peer: PushPeer | undefined;

afterEach(async () => {
  await clock?.stop();
  await peer?.stop();
  clock = undefined;
  peer = undefined;
});

function startClock(url: string, demo = false): ClockProcess {
  const args = ['--memory', '--lan', 'off', '--cloud', url, ...(demo ? [] : ['--no-demo'])];
  return ClockProcess.start(args);
}

function user(pin: string, name: string, verify: number): string {
  return `DATA UPDATE USERINFO PIN=${pin}${T}Name=${name}${T}Pri=0${T}Passwd=${T}Card=${T}Grp=1${T}TZ=0000000000000000${T}Verify=${verify}`;
}

describe('a server that sends templates only as BIODATA (zk_server)', () => {
  it('pushes a finger as BIODATA that then punches, and gets it back as BIODATA when it asks', async () => {
    peer = await startPushPeer({ handshake: biodataHandshake });
    const tmp = simulatedTemplate({ person: '3001', fid: 6 });
    const [userId, bioId] = peer.queue(
      user('3001', 'Zed Kay', 1),
      `DATA UPDATE BIODATA Pin=3001${T}No=6${T}Index=0${T}Valid=1${T}Duress=0${T}Type=1${T}MajorVer=10${T}MinorVer=0${T}Format=0${T}Tmp=${tmp}`,
    );
    clock = startClock(peer.url);
    await clock.waitFor(/Enter ID, finger or card/);
    await expect.poll(() => [peer!.returnOf(userId!), peer!.returnOf(bioId!)], POLL).toEqual([0, 0]);

    await clock.send(['finger 3001/right-index'], /Thank you, Zed Kay/);
    await expect.poll(() => peer!.attlog.map((line) => line.split('\t')[0]), POLL).toEqual(['3001']);

    const [queryId] = peer.queue(`DATA QUERY BIODATA Type=1${T}Pin=3001`);
    await expect.poll(() => peer!.returnOf(queryId!), POLL).toBe(0);
    await expect
      .poll(() => peer!.biodata, POLL)
      .toEqual([
        `BIODATA Pin=3001${T}No=6${T}Index=0${T}Valid=1${T}Duress=0${T}Type=1${T}MajorVer=10${T}MinorVer=0${T}Format=0${T}Tmp=${tmp}`,
      ]);
  }, 60_000);

  it('answers a face it cannot hold with -1002 and a finger of another algorithm with -30', async () => {
    peer = await startPushPeer({ handshake: biodataHandshake });
    const tmp = simulatedTemplate({ person: '3001', fid: 6 });
    const ids = peer.queue(
      user('3001', 'Zed Kay', 1),
      `DATA UPDATE BIODATA Pin=3001${T}No=0${T}Index=0${T}Valid=1${T}Duress=0${T}Type=9${T}MajorVer=58${T}MinorVer=0${T}Format=0${T}Tmp=${tmp}`,
      `DATA UPDATE BIODATA Pin=3001${T}No=6${T}Index=0${T}Valid=1${T}Duress=0${T}Type=1${T}MajorVer=12${T}MinorVer=0${T}Format=0${T}Tmp=${tmp}`,
    );
    clock = startClock(peer.url);

    await expect.poll(() => ids.map((id) => peer!.returnOf(id)), POLL).toEqual([0, -1002, -30]);
    const screen = await clock.send(['finger 3001/right-index'], /Thank you|not identified|Unknown|Try again/i);
    expect(screen).not.toMatch(/Thank you/);
  }, 60_000);
});

describe('a finger enrolled at the clock, for a server that asked for BIODATA', () => {
  it('goes up as table=BIODATA, not as an FP line in OPERLOG', async () => {
    peer = await startPushPeer({ handshake: biodataHandshake });
    const [userId, enrollId] = peer.queue(
      user('3001', 'Zed Kay', 1),
      `ENROLL_FP PIN=3001${T}FID=7${T}RETRY=3${T}OVERWRITE=1`,
    );
    clock = startClock(peer.url);
    await expect.poll(() => [peer!.returnOf(userId!), peer!.returnOf(enrollId!)], POLL).toEqual([0, 0]);

    await clock.send(['finger 3001/right-middle'], /Place the same finger/);
    await clock.send(['finger 3001/right-middle'], /Place the same finger/);
    await clock.send(['finger 3001/right-middle'], /Enrolled/);

    const tmp = simulatedTemplate({ person: '3001', fid: 7 });
    await expect
      .poll(() => peer!.biodata, POLL)
      .toEqual([
        `BIODATA Pin=3001${T}No=7${T}Index=0${T}Valid=1${T}Duress=0${T}Type=1${T}MajorVer=10${T}MinorVer=0${T}Format=0${T}Tmp=${tmp}`,
      ]);
    const operlog = peer.requests.filter((r) => r.query.get('table') === 'OPERLOG').map((r) => r.body);
    expect(operlog.join('')).toMatch(/^OPLOG 6\t/m);
    expect(operlog.join('')).not.toMatch(/^FP /m);
  }, 60_000);
});

describe('a server that keeps every ATTLOG line it gets (no de-duplication)', () => {
  it('stores no punch twice across DATA QUERY ATTLOG and AttLog turned on later', async () => {
    peer = await startPushPeer({ handshake: noDedupeHandshake });
    const users = peer.queue(user('3001', 'Ann One', 0), user('3002', 'Bo Two', 0), user('3003', 'Cy Three', 0));
    clock = startClock(peer.url);
    await expect.poll(() => users.map((id) => peer!.returnOf(id)), POLL).toEqual([0, 0, 0]);
    for (const [pin, name] of [
      ['3001', 'Ann One'],
      ['3002', 'Bo Two'],
    ]) {
      await clock.send([pin!, 'ok'], new RegExp(`Thank you, ${name}`));
    }

    const [query] = peer.queue(`DATA QUERY ATTLOG StartTime=2000-01-01 00:00:00${T}EndTime=2099-12-31 23:59:59`);
    await expect.poll(() => peer!.returnOf(query!), POLL).toBe(0);
    await expect.poll(() => peer!.attlog.length, POLL).toBe(2);
    const [turnOn] = peer.queue('SET OPTION TransFlag=1100000000');
    await expect.poll(() => peer!.returnOf(turnOn!), POLL).toBe(0);
    await clock.send(['3003', 'ok'], /Thank you, Cy Three/);

    await expect.poll(() => peer!.attlog.map((line) => line.split('\t')[0]), POLL).toEqual(['3001', '3002', '3003']);
    // A poll later, still nothing sent again.
    const polls = peer.requests.length;
    await expect.poll(() => peer!.requests.length, POLL).toBeGreaterThan(polls + 2);
    expect(peer.attlog).toHaveLength(3);
    expect(new Set(peer.attlog).size).toBe(3);
  }, 60_000);
});

describe('a server that answers the handshake with a bare OK', () => {
  it('gets the clock online on its default options, with a warning naming the server', async () => {
    peer = await startPushPeer({ handshake: () => 'OK' });
    clock = startClock(peer.url, true);

    await clock.waitFor(/"msg":"cloud online"/);
    expect(clock.text).toContain(`handshake: ${peer.url} answered \\"OK\\" instead of its options`);
    await clock.send(['1002', 'ok'], /Thank you, Bruno Silva/);
    await expect.poll(() => peer!.attlog.map((line) => line.split('\t')[0]), POLL).toEqual(['1002']);
  }, 60_000);
});
