// Simulated fingerprint templates: each names its finger, and nothing else is ever mistaken for one.
import { describe, expect, it } from 'vitest';

import {
  FINGER_NAMES,
  fingerIndex,
  fingerKey,
  fingerKeyOfTemplate,
  simulatedTemplate,
} from '../../firmware/fingers.js';

function base64(text: string): string {
  return Buffer.from(text, 'latin1').toString('base64');
}

describe('simulatedTemplate', () => {
  it.each([0, 1, 5, 6, 9])('round-trips finger %i of user 1001', (fid) => {
    const template = simulatedTemplate({ person: '1001', fid });

    expect(fingerKeyOfTemplate(template)).toBe(`1001/${fid}`);
  });

  it('round-trips a 24-character PIN, the longest the protocol allows', () => {
    const person = 'A'.repeat(12) + '9'.repeat(12);

    expect(fingerKeyOfTemplate(simulatedTemplate({ person, fid: 6 }))).toBe(`${person}/6`);
  });

  it('is standard base64 of a fixed-size blob that any server can store', () => {
    const template = simulatedTemplate({ person: '1001', fid: 6 });

    expect(Buffer.from(template, 'base64').toString('latin1')).toBe('TCSIM1 1001/6'.padEnd(48, ' '));
  });

  it('differs between two fingers of one person', () => {
    expect(simulatedTemplate({ person: '1001', fid: 6 })).not.toBe(simulatedTemplate({ person: '1001', fid: 5 }));
  });
});

describe('fingerKeyOfTemplate on anything else', () => {
  it.each([
    ['a foreign template', base64('\x01\x02ZK-FINGER-v10 minutiae data')],
    ['text that is not base64', '!!! not base64 !!!'],
    ['base64 of an impossible length', 'QUJDR'],
    ['URL-safe base64', 'VENTSU0x-_'],
    ['an empty template', ''],
    ['the magic without a finger', base64('TCSIM1 ')],
    ['a finger index of two digits', base64('TCSIM1 1001/10')],
    ['a PIN with a space', base64('TCSIM1 ana lopez/6')],
    ['trailing text after the finger', base64('TCSIM1 1001/6 extra')],
    ['a PIN longer than 24 characters', base64(`TCSIM1 ${'1'.repeat(25)}/6`)],
    ['the magic in lower case', base64('tcsim1 1001/6')],
  ])('is undefined for %s', (_what, template) => {
    expect(fingerKeyOfTemplate(template)).toBeUndefined();
  });

  it('never throws, whatever the text', () => {
    // A fixed pseudo-random sequence: the same garbage every run.
    let state = 12345;
    const next = (): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';
    const anyText = () => String.fromCharCode(...Array.from({ length: next() % 80 }, () => next() % 0x3000));
    const base64Text = () => Array.from({ length: next() % 80 }, () => alphabet[next() % alphabet.length]).join('');
    const texts = Array.from({ length: 500 }, (_, i) => (i % 2 === 0 ? anyText() : base64Text()));

    const results = texts.map((text) => fingerKeyOfTemplate(text));

    expect(results.every((r) => r === undefined)).toBe(true);
  });
});

describe('finger names', () => {
  it('lists the ten fingers from the left little finger to the right little finger', () => {
    expect(FINGER_NAMES).toHaveLength(10);
    expect([FINGER_NAMES[0], FINGER_NAMES[9]]).toEqual(['left-little', 'right-little']);
  });

  it('puts the right index finger at 6, as the protocol FID does', () => {
    expect(fingerIndex('right-index')).toBe(6);
  });

  it('gives no index for a name that is not a finger', () => {
    expect(fingerIndex('right-toe')).toBeUndefined();
  });

  it('keys a finger by person and index', () => {
    expect(fingerKey({ person: '1001', fid: 6 })).toBe('1001/6');
  });
});
