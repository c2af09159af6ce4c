// The ZFM packet codec against the docs/wire-formats.md vector and packets its own encoder builds.
import { describe, expect, it } from 'vitest';
import {
  ZfmCode,
  ZfmDecoder,
  ZfmPid,
  fromHex,
  parseSystemParameters,
  zfm,
  zfmAck,
  type DecodeProblem,
} from '../../src/serial/index.js';

const GEN_IMG = fromHex('EF 01 FF FF FF FF 01 00 03 01 00 05');

describe('ZFM codec', () => {
  it('builds GenImg as the public vector', () => {
    expect(zfm.genImg()).toEqual(GEN_IMG);
  });

  it('decodes the public vector as a GenImg command to the default address', () => {
    expect(new ZfmDecoder().push(GEN_IMG)).toEqual([
      { address: 0xffffffff, pid: ZfmPid.command, payload: Buffer.of(0x01) },
    ]);
  });

  it('round-trips commands with parameters and acknowledgements with data', () => {
    const bytes = Buffer.concat([zfm.search(1, 0, 200, 0x12345678), zfmAck(ZfmCode.ok, [0, 7, 0, 200])]);
    expect(new ZfmDecoder().push(bytes)).toEqual([
      { address: 0x12345678, pid: 1, payload: Buffer.from([0x04, 1, 0, 0, 0, 200]) },
      { address: 0xffffffff, pid: 7, payload: Buffer.from([0, 0, 7, 0, 200]) },
    ]);
  });

  it('encodes the password of VfyPwd big-endian', () => {
    expect(zfm.vfyPwd(0x01020304).subarray(9, 14)).toEqual(Buffer.from([0x13, 1, 2, 3, 4]));
  });

  it('skips a packet with a bad sum, says so, and reads the next', () => {
    const problems: DecodeProblem[] = [];
    const bad = Buffer.from(GEN_IMG);
    bad[11] = 0x06;
    const packets = new ZfmDecoder((p) => problems.push(p)).push(Buffer.concat([bad, GEN_IMG]));
    expect(packets).toHaveLength(1);
    expect(problems[0]?.message).toContain('bad sum');
  });

  it('resynchronises after an EF that does not start a packet', () => {
    const input = Buffer.concat([fromHex('EF EF 00 EF 01 FF'), GEN_IMG]);
    expect(new ZfmDecoder().push(input)).toHaveLength(1);
  });

  it('reads ReadSysPara data', () => {
    const data = fromHex('0000 0009 00C8 0003 FFFFFFFF 0002 0006');
    expect(parseSystemParameters(data)).toEqual({
      statusRegister: 0,
      systemId: 9,
      librarySize: 200,
      securityLevel: 3,
      address: 0xffffffff,
      packetSizeCode: 2,
      baudMultiplier: 6,
    });
  });
});
