// Workload profiles: the shipped ones load, and a bad one is refused with the file, the line and
// column, the path in the file and what is wrong there.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile, parseProfile } from '../../src/fleet/index.js';
import { PROFILES } from './helpers.js';

const minimal = (extra = '') =>
  `name: test\nstart: '07:45'\nday:\n  - { at: '08:00', spread: 15m, share: 0.8 }\n${extra}`;

function problem(text: string): string {
  try {
    parseProfile(text, 'bad.yaml');
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
}

describe('fleet profiles', () => {
  it.each(fs.readdirSync(PROFILES).filter((f) => f.endsWith('.yaml')))('load as shipped: %s', (file) => {
    const profile = loadProfile(path.join(PROFILES, file));

    expect(profile.day.length).toBeGreaterThan(0);
    expect(Object.values(profile.verify).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });

  it('read times of day as milliseconds after the start', () => {
    const profile = parseProfile(minimal(), 'ok.yaml');

    expect(profile.start).toBe(Date.parse('2026-03-02T07:45:00Z'));
    expect(profile.day[0]).toMatchObject({ atMs: 15 * 60_000, spreadMs: 15 * 60_000, share: 0.8 });
  });

  it('name the line, the path and the limit of a share out of range', () => {
    const text = `name: test\nstart: '07:45'\nday:\n  - { at: '08:00', spread: 15m, share: 1.5 }\n`;

    expect(problem(text)).toBe('bad.yaml:4:40 (day[0].share): expected a share from 0 to 1');
  });

  it('name an unknown key and list the keys allowed there', () => {
    expect(problem(minimal('rebots: []\n'))).toMatch(
      /^bad\.yaml:5:1 \(rebots\): unknown key "rebots"; expected one of: name, description, start, .*reboots/,
    );
  });

  it('refuse a time of day before the run starts', () => {
    const text = `name: test\nstart: '07:45'\nday:\n  - { at: '07:00', spread: 15m, share: 1 }\n`;

    expect(problem(text)).toMatch(/^bad\.yaml:4:11 \(day\[0\]\.at\): 07:00 is before the run starts/);
  });

  it('refuse verify shares that do not add up to 1', () => {
    expect(problem(minimal('verify: { pin: 0.5, card: 0.2 }\n'))).toMatch(
      /^bad\.yaml:5:9 \(verify\): the shares add up to 0.7, not 1$/,
    );
  });

  it('refuse a duration that is not one, saying what one looks like', () => {
    expect(problem(minimal('duration: 8 hours\n'))).toBe(
      'bad.yaml:5:11 (duration): expected a duration such as 15m, 1h30m, 45s or 500ms',
    );
  });

  it('say which required key is missing', () => {
    expect(problem(`name: test\nday: []\n`)).toMatch(
      /^bad\.yaml:1:1: the profile must have required property 'start'$/,
    );
  });
});
