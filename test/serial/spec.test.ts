// Bridge specs: `KIND:PATH[,name=value…]`, with errors that name the bad part.
import { describe, expect, it } from 'vitest';
import { BRIDGE_KINDS, BridgeSpecError, parseBridgeSpec } from '../../src/serial/index.js';

describe('parseBridgeSpec', () => {
  it('reads kind, path and options, with the kind defaults filled in', () => {
    expect(parseBridgeSpec('rdm6300:/dev/ttyUSB0,baud=19200')).toEqual({
      kind: 'rdm6300',
      path: '/dev/ttyUSB0',
      options: { baud: 19200, retry: 500, repeat: 220 },
      text: 'rdm6300:/dev/ttyUSB0,baud=19200',
    });
  });

  it('gives each kind its usual line speed', () => {
    expect(parseBridgeSpec('zfm:/dev/ttyS1').options.baud).toBe(57600);
    expect(parseBridgeSpec('osdp:/dev/ttyS1').options.baud).toBe(9600);
  });

  it('takes TCP and stdio paths', () => {
    expect(parseBridgeSpec('control:tcp:7000').path).toBe('tcp:7000');
    expect(parseBridgeSpec('control:tcp:0.0.0.0:7000,token=0123456789abcdef').path).toBe('tcp:0.0.0.0:7000');
    expect(parseBridgeSpec('control:stdio').path).toBe('stdio');
  });

  it('keeps loopback control listeners without a token, as before', () => {
    expect(parseBridgeSpec('control:tcp:127.0.0.1:7000').options.token).toBe('');
    expect(parseBridgeSpec('control:tcp:localhost:7000').options.token).toBe('');
    expect(parseBridgeSpec('control:tcp:[::1]:7000').options.token).toBe('');
  });

  it('shows a token as *** in the text that logs and banners print', () => {
    const spec = parseBridgeSpec('control:tcp:0.0.0.0:7000,token=s3cret-s3cret-s3cret,retry=100');
    expect(spec.options.token).toBe('s3cret-s3cret-s3cret');
    expect(spec.text).toBe('control:tcp:0.0.0.0:7000,token=***,retry=100');
  });

  it('does not repeat a token in the error about another option', () => {
    expect(() => parseBridgeSpec('control:tcp:7000,token=s3cret-s3cret-s3cret,baud=x')).toThrow(
      'bridge "control:tcp:7000,token=***,baud=x": option "baud"',
    );
  });

  it('reads hex options such as a module address', () => {
    expect(parseBridgeSpec('zfm:/dev/x,address=0x0000ABCD').options.address).toBe(0xabcd);
  });

  it('lists the valid kinds for an unknown one', () => {
    expect(() => parseBridgeSpec('rfid:/dev/ttyUSB0')).toThrow(
      `bridge "rfid:/dev/ttyUSB0": kind "rfid" is not one of ${BRIDGE_KINDS.join(', ')}`,
    );
  });

  it.each([
    ['rdm6300', 'path', 'is missing'],
    ['rdm6300:', 'path', 'is missing'],
    [':/dev/x', 'kind', 'is missing'],
    ['rdm6300:/dev/x,speed=9600', 'option "speed"', 'is not an option of rdm6300'],
    ['rdm6300:/dev/x,baud=fast', 'option "baud"', 'must be a whole number'],
    ['rdm6300:/dev/x,baud', 'option "baud"', 'needs a value'],
    ['wiegand:/dev/x,format=json', 'option "format"', 'must be one of bits, hex'],
    ['osdp:/dev/x,address=200', 'option "address"', 'must be a whole number 0-127'],
    ['osdp:/dev/x,text=maybe', 'option "text"', 'must be on or off'],
    ['control:tcp:99999', 'path', 'must be tcp:PORT or tcp:HOST:PORT'],
    ['control:tcp:0.0.0.0:7000', 'option "token"', 'is needed to listen off loopback (0.0.0.0)'],
    ['control:tcp:192.168.1.5:7000', 'option "token"', 'Add ,token=SECRET'],
    ['control:tcp:0.0.0.0:7000,token=short', 'option "token"', 'must be at least 16 characters'],
  ])('names the bad part of %s', (text, part, problem) => {
    let error: unknown;
    try {
      parseBridgeSpec(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BridgeSpecError);
    expect(error).toMatchObject({ part, message: expect.stringContaining(problem) });
  });
});
