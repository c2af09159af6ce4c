// The check and option commands of the protocol's §12 that the clock once answered -1002: RELOAD OPTIONS
// (read the options again), LOG (upload new records now) and VERIFY SUM ATTLOG (count a time range).
import { describe, expect, it } from 'vitest';
import { executeCommandLine } from '../../firmware/command-apply.js';
import { parseCommandText } from '../../firmware/command-parse.js';
import { formatReply, parseCommandBody } from '../../firmware/commands.js';
import { at, contextFor, punchAt, runCommand } from '../fixtures/command-context.js';

const T = '\t';

describe('RELOAD OPTIONS', () => {
  it('is read in any case and with a TAB between its words', () => {
    expect(parseCommandText('RELOAD OPTIONS')).toEqual({ kind: 'reload-options' });
    expect(parseCommandText(`reload${T}options`)).toEqual({ kind: 'reload-options' });
  });

  it('succeeds and asks the host for a new handshake', () => {
    const outcome = runCommand('RELOAD OPTIONS', contextFor());

    expect(outcome).toEqual({ returnCode: 0, reply: [], effects: [{ kind: 'reload-options' }] });
  });

  it('answers -1002 for RELOAD of anything but OPTIONS', () => {
    expect(runCommand('RELOAD USERS', contextFor()).returnCode).toBe(-1002);
  });
});

describe('LOG', () => {
  it('succeeds and asks the host to upload the new records now', () => {
    const outcome = runCommand('LOG', contextFor());

    expect(outcome).toEqual({ returnCode: 0, reply: [], effects: [{ kind: 'upload-new' }] });
  });
});

describe('VERIFY SUM ATTLOG', () => {
  const range = `StartTime=2026-11-01 00:00:00${T}EndTime=2026-11-25 23:59:59`;

  it('answers the count of punches in the range, both ends included, in StartTime, EndTime and AttlogSum', () => {
    const ctx = contextFor();
    ctx.ports.punches.append(punchAt('1', '2026-10-31 23:59:59'));
    ctx.ports.punches.append(punchAt('1', '2026-11-01 00:00:00'));
    ctx.ports.punches.append(punchAt('2', '2026-11-12 08:00:00'));
    ctx.ports.punches.append(punchAt('1', '2026-11-25 23:59:59'));
    ctx.ports.punches.append(punchAt('1', '2026-11-26 00:00:00'));

    const outcome = runCommand(`VERIFY SUM ATTLOG ${range}`, ctx);

    expect(outcome).toEqual({
      returnCode: 0,
      reply: ['StartTime=2026-11-01 00:00:00', 'EndTime=2026-11-25 23:59:59', 'AttlogSum=3', 'AttlogCount=3'],
      effects: [],
    });
  });

  it('puts its pairs on the reply line itself, as §12 shows, not on lines after it', () => {
    const ctx = contextFor();
    ctx.ports.punches.append(punchAt('2', '2026-11-12 08:00:00'));

    const reply = formatReply('40', 'VERIFY SUM', runCommand(`VERIFY SUM ATTLOG ${range}`, ctx));

    expect(reply).toBe(
      'ID=40&Return=0&CMD=VERIFY SUM&StartTime=2026-11-01 00:00:00&EndTime=2026-11-25 23:59:59&AttlogSum=1&AttlogCount=1',
    );
  });

  it('counts zero in a range without punches', () => {
    expect(runCommand(`VERIFY SUM ATTLOG ${range}`, contextFor()).reply).toContain('AttlogSum=0');
  });

  it('takes a server that leaves the table word out as meaning ATTLOG', () => {
    expect(parseCommandText(`VERIFY SUM ${range}`)).toEqual({
      kind: 'verify-attlog-sum',
      from: at('2026-11-01 00:00:00'),
      to: at('2026-11-25 23:59:59'),
    });
  });

  it('answers -1 for a range it cannot read (its rules: test/firmware/commands.test.ts)', () => {
    expect(runCommand('VERIFY SUM ATTLOG StartTime=yesterday', contextFor()).returnCode).toBe(-1);
    expect(runCommand('VERIFY SUM ATTLOG EndTime=2026-11-25 23:59:59', contextFor()).returnCode).toBe(-1);
  });

  it('answers -1002 for a sum of another table', () => {
    expect(runCommand(`VERIFY SUM OPERLOG ${range}`, contextFor()).returnCode).toBe(-1002);
  });

  it('answers a command id delivered again with the same count, even after more punches', () => {
    const ctx = contextFor();
    ctx.ports.punches.append(punchAt('2', '2026-11-12 08:00:00'));
    const [line] = parseCommandBody(`C:41:VERIFY SUM ATTLOG ${range}`).commands;
    executeCommandLine(line!, ctx);
    ctx.ports.punches.append(punchAt('3', '2026-11-13 08:00:00'));

    const again = executeCommandLine(line!, ctx);

    expect(again.replayed).toBe(true);
    expect(formatReply('41', 'VERIFY SUM', again.outcome)).toContain('&AttlogSum=1&');
  });
});
