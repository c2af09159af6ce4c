// The link's options from a handshake answer and from SET OPTION, and setting the RTC from the server.
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../firmware/settings.js';
import { loadDeviceModel } from '../../src/devices/index.js';
import { defaultPushOptions } from '../../src/protocol/index.js';
import { settingsForServerTime } from '../../src/sync/clock-time.js';
import { handshakeOptions, transferFlags, withSetOptions } from '../../src/sync/link-options.js';

describe('handshakeOptions', () => {
  it('reads the sample answer of the protocol, TimeZone included', () => {
    const answer = handshakeOptions(
      'GET OPTION FROM: TC1A000001\nATTLOGStamp=None\nOPERLOGStamp=9999\nErrorDelay=30\nDelay=10\n' +
        'TransTimes=00:00;14:05\nTransInterval=1\nTransFlag=TransData AttLog\tOpLog\tEnrollFP\nTimeZone=8\nRealtime=1\n',
    );

    expect(answer.garbage).toBe(false);
    expect(answer.timeZoneMinutes).toBe(480);
    expect(answer.options).toMatchObject({ delay: 10, errorDelay: 30, realtime: true, operlogStamp: '9999' });
    expect(transferFlags(answer.options)).toEqual({
      attendance: true,
      operations: true,
      fingerprints: true,
      biodata: false,
      users: false,
    });
  });

  it('uploads fingers as BIODATA when MultiBioDataSupport names fingerprints (Type 1), as zk_server asks', () => {
    const asked = handshakeOptions('Delay=10\nPushProtVer=2.4.1\nMultiBioDataSupport=0:1:1:0:0:0:0:0:0:1\n');
    const faceOnly = handshakeOptions('Delay=10\nMultiBioDataSupport=0:0:1:0:0:0:0:0:0:1\n');
    const bad = handshakeOptions('Delay=10\nMultiBioDataSupport=yes\n');

    expect(asked.options.bioDataTypes).toEqual([1, 2, 9]);
    expect(transferFlags(asked.options).biodata).toBe(true);
    expect(transferFlags(faceOnly.options).biodata).toBe(false);
    expect(transferFlags(bad.options).biodata).toBe(false);
    expect(bad.problems[0]).toMatch(/^MultiBioDataSupport must be 0 or 1 per biometric type/);
  });

  it('uploads no attendance when the bit-string TransFlag leaves its first position 0', () => {
    const answer = handshakeOptions('Delay=10\nTransFlag=0111000000\n');

    expect(transferFlags(answer.options)).toEqual({
      attendance: false,
      operations: true,
      fingerprints: true,
      biodata: false,
      users: false,
    });
  });

  it('has no TimeZone when the server sent none, or a bad one', () => {
    expect(handshakeOptions('Delay=10').timeZoneMinutes).toBeUndefined();
    const bad = handshakeOptions('Delay=10\nTimeZone=UTC+1');
    expect(bad.timeZoneMinutes).toBeUndefined();
    expect(bad.problems[0]).toMatch(/^TimeZone must be/);
  });

  it('calls an answer without any option it knows garbage', () => {
    expect(handshakeOptions('<html><body>It works!</body></html>').garbage).toBe(true);
    expect(handshakeOptions('ServerVer=3.0').garbage).toBe(true);
  });

  it('takes a bare OK or an empty answer as a server without options: the defaults, no problem per line', () => {
    for (const body of ['OK', 'ok\r\n', '']) {
      const answer = handshakeOptions(body);
      expect(answer.garbage).toBe(false);
      expect(answer.withoutOptions).toBe(body.trim() === '' ? 'nothing' : body.trim());
      expect(answer.options).toEqual(defaultPushOptions());
      expect(answer.problems).toEqual([]);
    }
  });
});

describe('withSetOptions', () => {
  it('applies the keys of the link in any case and reports the others', () => {
    const result = withSetOptions(defaultPushOptions(), { delay: '5', REALTIME: '0', Foo: '1' });

    expect(result.options).toMatchObject({ delay: 5, realtime: false });
    expect(result.applied).toEqual(['delay=5', 'REALTIME=0']);
    expect(result.unknown).toEqual(['Foo']);
  });

  it('leaves a bad value out with a problem that names the key', () => {
    const result = withSetOptions(defaultPushOptions(), { Delay: 'soon', ErrorDelay: '60' });

    expect(result.options).toMatchObject({ delay: 10, errorDelay: 60 });
    expect(result.problems).toEqual([expect.stringMatching(/^Delay must be a whole number/)]);
  });
});

describe('settingsForServerTime', () => {
  const settings = defaultSettings(loadDeviceModel('biometric'));

  it('sets the offset so that source time plus offset is the server time, and the zone', () => {
    const next = settingsForServerTime(settings, 1_000_000_000_000, 330, 999_000_000_000);

    expect(next).toMatchObject({ clockOffsetMs: 1_000_000_000, timeZoneMinutes: 330 });
  });

  it('changes nothing within the slack of a header that has whole seconds', () => {
    expect(
      settingsForServerTime({ ...settings, clockOffsetMs: 5_000 }, 1_006_500, undefined, 1_000_000),
    ).toBeUndefined();
  });
});
