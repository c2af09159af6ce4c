// Serial numbers and MAC addresses of simulated clocks: readable from a numeric seed, stable for a text
// seed, and always of the model's shape.
import { describe, expect, it } from 'vitest';

import { isValidSerialNumber, loadDeviceModel, macAddressFor, serialNumberFor } from '../../src/devices/index.js';

const biometric = loadDeviceModel('biometric');
const proximity = loadDeviceModel('proximity');

describe('serialNumberFor', () => {
  it('writes a numeric seed into the digits: seed 1 is TC1A000001', () => {
    expect(serialNumberFor(biometric, 1)).toBe('TC1A000001');
  });

  it('uses the model prefix: seed 42 on the proximity clock is TC3P000042', () => {
    expect(serialNumberFor(proximity, 42)).toBe('TC3P000042');
  });

  it('fills the largest numeric seed that fits', () => {
    expect(serialNumberFor(biometric, 999_999)).toBe('TC1A999999');
  });

  it('refuses a numeric seed with more digits than the format', () => {
    expect(() => serialNumberFor(biometric, 1_000_000)).toThrow('seed 1000000 does not fit the 6 digits of TC1A######');
  });

  it('refuses a negative or fractional seed', () => {
    expect(() => serialNumberFor(biometric, -1)).toThrow(RangeError);
    expect(() => serialNumberFor(biometric, 1.5)).toThrow(RangeError);
  });

  it('gives a text seed the same serial number every time', () => {
    expect(serialNumberFor(biometric, 'front-desk')).toBe(serialNumberFor(biometric, 'front-desk'));
  });

  it('gives different text seeds different serial numbers', () => {
    const serials = new Set(['a', 'b', 'c', 'front-desk', 'warehouse', ''].map((s) => serialNumberFor(biometric, s)));

    expect(serials.size).toBe(6);
  });

  it('gives a text seed a serial number of the model format', () => {
    expect(serialNumberFor(biometric, 'warehouse')).toMatch(/^TC1A\d{6}$/);
  });

  it('fills every # of a format with digits in several places', () => {
    const model = { serialNumberFormat: 'A#B##C' };

    expect(serialNumberFor(model, 7)).toBe('A0B07C');
  });
});

describe('isValidSerialNumber', () => {
  it('accepts the serial number of a seed', () => {
    expect(isValidSerialNumber(biometric, serialNumberFor(biometric, 'x'))).toBe(true);
  });

  it('refuses another model prefix', () => {
    expect(isValidSerialNumber(biometric, 'TC3P000001')).toBe(false);
  });

  it('refuses a letter where a digit belongs', () => {
    expect(isValidSerialNumber(biometric, 'TC1A00000X')).toBe(false);
  });

  it('refuses a serial number that is too short or too long', () => {
    expect(isValidSerialNumber(biometric, 'TC1A00001')).toBe(false);
    expect(isValidSerialNumber(biometric, 'TC1A0000001')).toBe(false);
  });

  it('refuses lower case, as the label and the cloud use upper case', () => {
    expect(isValidSerialNumber(biometric, 'tc1a000001')).toBe(false);
  });
});

describe('macAddressFor', () => {
  it('puts the serial digits after the model prefix', () => {
    expect(macAddressFor(biometric, 'TC1A000001')).toBe('00:17:61:00:00:01');
  });

  it('writes the serial digits as three hexadecimal octets', () => {
    expect(macAddressFor(biometric, 'TC1A999999')).toBe('00:17:61:0F:42:3F');
  });

  it('gives different serial numbers of a model different addresses', () => {
    const macs = new Set(
      [1, 2, 255, 256, 65_536].map((seed) => macAddressFor(biometric, serialNumberFor(biometric, seed))),
    );

    expect(macs.size).toBe(5);
  });

  it('gives a serial number of another format a stable hashed address with the prefix', () => {
    const mac = macAddressFor(biometric, 'CKUH211960123');

    expect(mac).toBe(macAddressFor(biometric, 'CKUH211960123'));
    expect(mac).toMatch(/^00:17:61(:[0-9A-F]{2}){3}$/);
  });

  it('uses the model prefix of the proximity clock', () => {
    expect(macAddressFor(proximity, 'TC3P000042')).toBe('00:17:62:00:00:2A');
  });
});
