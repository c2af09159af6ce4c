// The plan of a run: drawn from the seed per clock, so that the same seed gives the same plan, and a
// clock's plan does not depend on which shard runs it or how many clocks run beside it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../src/fleet/index.js';
import { checkSerialPattern, employeeOf, serialOf } from '../../src/fleet/identity.js';
import { planClock, planPortal } from '../../src/fleet/plan.js';
import { loadDeviceModel } from '../../src/devices/index.js';
import { PROFILES } from './helpers.js';

const rush = loadProfile(path.join(PROFILES, 'monday-rush.yaml'));
const rollout = loadProfile(path.join(PROFILES, 'firmware-rollout.yaml'));

describe('the fleet plan', () => {
  it('is the same for the same seed and clock', () => {
    expect(planClock(rush, 7, 42)).toEqual(planClock(rush, 7, 42));
  });

  it('differs between clocks and between seeds', () => {
    expect(planClock(rush, 7, 42)).not.toEqual(planClock(rush, 7, 43));
    expect(planClock(rush, 7, 42)).not.toEqual(planClock(rush, 8, 42));
  });

  it('puts about the profile’s share of employees in the morning rush, within its spread', () => {
    const punches = Array.from({ length: 200 }, (_, i) => planClock(rush, 1, i))
      .flat()
      .filter((s) => s.kind === 'punch' && s.at >= 0 && s.at <= 30 * 60_000);

    expect(punches.length / (200 * rush.employeesPerClock)).toBeGreaterThan(0.75);
    expect(punches.length / (200 * rush.employeesPerClock)).toBeLessThan(0.85);
  });

  it('reboots every clock of a rollout once, off for the profile’s time', () => {
    const power = planClock(rollout, 1, 3).filter((s) => s.kind === 'power');

    expect(power.map((s) => (s.kind === 'power' ? s.on : undefined))).toEqual([false, true]);
    expect(power[1]!.at - power[0]!.at).toBe(45_000);
  });

  it('chooses the portal’s employees from the whole fleet, the same for every shard', () => {
    const steps = planPortal(rollout, 1, 20);

    expect(steps.map((s) => s.change)).toEqual(['non-secure-off', 'add-remove', 'add-back']);
    expect(steps[0]!.employees).toHaveLength(5);
    expect(new Set(steps[0]!.employees).size).toBe(5);
    expect(planPortal(rollout, 1, 20)).toEqual(steps);
  });
});

describe('fleet identities', () => {
  const model = loadDeviceModel('biometric');

  it('number serial numbers by global index in the pattern’s # digits', () => {
    expect(serialOf('TC1A9#####', 0)).toBe('TC1A900001');
    expect(serialOf('TC1A9#####', 9_999)).toBe('TC1A910000');
  });

  it('refuse a pattern that does not fit the model or the fleet', () => {
    expect(checkSerialPattern(model, 'FLT#####', 5)).toMatch(/does not fit the biometric model's serial numbers/);
    expect(checkSerialPattern(model, 'TC1A99999#', 50)).toMatch(/too few for 50 clocks/);
    expect(checkSerialPattern(model, 'TC1A9#####', 10_000)).toBeUndefined();
  });

  it('give every employee of the fleet a badge and card of their own', () => {
    const badges = new Set<string>();
    for (let clock = 0; clock < 50; clock++)
      for (let slot = 0; slot < 10; slot++) badges.add(employeeOf(clock, slot, 10).badge);

    expect(badges.size).toBe(500);
    expect(employeeOf(3, 2, 10)).toMatchObject({ badge: '700000032', card: '3000000032', employeeId: 'F700000032' });
  });
});
