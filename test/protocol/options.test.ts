// The handshake answer: the docs/wire-formats.md §1 example, older spellings, bad values, TimeZone rule.
import { describe, expect, it } from 'vitest';
import {
  defaultPushOptions,
  formatOptionsBody,
  parseOptionsBody,
  parseTransFlag,
  timeZoneFromWire,
  timeZoneToWire,
} from '../../src/protocol/index.js';

const EXAMPLE = [
  'GET OPTION FROM: TC1A000001',
  'ATTLOGStamp=None',
  'OPERLOGStamp=9999',
  'ATTPHOTOStamp=None',
  'ErrorDelay=30',
  'Delay=10',
  'TransTimes=00:00;14:05',
  'TransInterval=1',
  'TransFlag=TransData AttLog\tOpLog\tAttPhoto\tEnrollUser\tChgUser\tEnrollFP\tChgFP\tUserPic',
  'TimeZone=8',
  'Realtime=1',
  'Encrypt=None',
].join('\n');

describe('handshake options', () => {
  it('reads the example answer of docs/wire-formats.md §1', () => {
    const { options, serialNumber, problems } = parseOptionsBody(EXAMPLE);
    expect(problems).toEqual([]);
    expect(serialNumber).toBe('TC1A000001');
    expect(options).toMatchObject({
      attlogStamp: 'None',
      operlogStamp: '9999',
      attphotoStamp: 'None',
      errorDelay: 30,
      delay: 10,
      transTimes: ['00:00', '14:05'],
      transInterval: 1,
      timeZoneMinutes: 480,
      realtime: true,
      encrypt: 'None',
    });
    expect([...options.transFlags]).toEqual([
      'AttLog',
      'OpLog',
      'AttPhoto',
      'EnrollUser',
      'ChgUser',
      'EnrollFP',
      'ChgFP',
      'UserPic',
    ]);
  });

  it('formats what it parses back into the same options', () => {
    const { options } = parseOptionsBody(EXAMPLE);
    expect(formatOptionsBody('TC1A000001', options)).toBe(`${EXAMPLE}\n`);
  });

  it('accepts the older Stamp, OpStamp and PhotoStamp keys, in any case', () => {
    const { options, problems } = parseOptionsBody('stamp=12\r\nOpStamp=34\r\nPHOTOSTAMP=0\r\n');
    expect(problems).toEqual([]);
    expect(options).toMatchObject({ attlogStamp: '12', operlogStamp: '34', attphotoStamp: '0' });
  });

  it('converts the bit-string TransFlag into words', () => {
    expect([...parseTransFlag('1111000000')!]).toEqual(['AttLog', 'OpLog', 'AttPhoto', 'EnrollFP']);
    expect([...parseTransFlag('0000100000')!]).toEqual(['EnrollUser']);
  });

  it('reads every position of the bit string in the order of the protocol, and AttLog only from the first', () => {
    expect([...parseTransFlag('111111111111')!]).toEqual([
      'AttLog',
      'OpLog',
      'AttPhoto',
      'EnrollFP',
      'EnrollUser',
      'FPImag',
      'ChgUser',
      'ChgFP',
      'FACE',
      'UserPic',
      'WORKCODE',
      'BioPhoto',
    ]);
    expect(parseTransFlag('0111111111')!.has('AttLog')).toBe(false);
    expect([...parseTransFlag('0000000000')!]).toEqual([]);
  });

  it('reads a handshake whose TransFlag is a bit string, with and without TransData words', () => {
    expect([...parseOptionsBody('TransFlag=0100000000').options.transFlags]).toEqual(['OpLog']);
    expect([...parseOptionsBody('TransFlag=TransData OpLog\tEnrollUser').options.transFlags]).toEqual([
      'OpLog',
      'EnrollUser',
    ]);
  });

  it('keeps the default and names the key when a value is bad', () => {
    const { options, problems } = parseOptionsBody('Delay=soon\nRealtime=yes\nTimeZone=99999\nTransTimes=25:00');
    expect(options.delay).toBe(10);
    expect(options.realtime).toBe(true);
    expect(options.timeZoneMinutes).toBe(0);
    expect(options.transTimes).toEqual(['00:00', '14:05']);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^Delay must be a whole number .* got "soon"/);
  });

  it('gives defaults and a problem for an answer that is not options', () => {
    const { options, problems } = parseOptionsBody('<html><body>Not Found</body></html>');
    expect(options).toEqual(defaultPushOptions());
    expect(problems.at(-1)).toMatch(/no Key=Value lines/);
  });

  it('keeps keys it does not know apart, without complaint', () => {
    const { extra, problems } = parseOptionsBody('ServerVer=3.0.1\nDelay=5');
    expect(problems).toEqual([]);
    expect(extra).toEqual({ ServerVer: '3.0.1' });
  });

  it('takes the last value of a key the codec does not know when a server sends it twice, rather than throwing', () => {
    const { extra } = parseOptionsBody('GET OPTION FROM: TC1A000001\nServerVer=1\nServerVer=2\nDelay=10\n');

    expect(extra).toEqual({ ServerVer: '2' });
  });

  it('reads TimeZone as hours inside (-12, 12) and as minutes outside', () => {
    expect(timeZoneFromWire('8')).toBe(480);
    expect(timeZoneFromWire('-5')).toBe(-300);
    expect(timeZoneFromWire('330')).toBe(330);
    expect(timeZoneFromWire('-720')).toBe(-720);
    expect(timeZoneFromWire('12')).toBe(12);
    expect(timeZoneFromWire('900')).toBeUndefined();
    expect(timeZoneToWire(480)).toBe('8');
    expect(timeZoneToWire(330)).toBe('330');
    expect(timeZoneToWire(-720)).toBe('-720');
  });
});
