// A running clock with its LAN listener on loopback, seeded with a few users, for the SDK tests.
import { createRequire } from 'node:module';
import { newUser, simulatedTemplate, type DeviceModel, type Punch } from '../../firmware/index.js';
import { createLogger } from '../../src/log.js';
import { startLanListener, type LanListener } from '../../src/lan/index.js';
import { createClock, type Clock } from '../../src/runtime/index.js';

/** The SDKs are CommonJS without types: each test declares the little of them it uses. */
export const requireSdk = createRequire(import.meta.url);

export const ANA = { pin: '1001', name: 'Ana Lopez', card: '3809012973' };
export const BEN = { pin: '1002', name: 'Ben Okafor', card: '12345678' };

export interface LanRig {
  clock: Clock;
  listener: LanListener;
  close(): Promise<void>;
}

export async function lanRig(
  options: { commKey?: number; firstSessionId?: number; device?: DeviceModel } = {},
): Promise<LanRig> {
  const clock = createClock({
    time: { virtual: '2026-11-25T08:00:00' },
    ...(options.device === undefined ? {} : { device: options.device }),
  });
  clock.load({ users: [newUser(ANA.pin, { name: ANA.name, card: ANA.card, privilege: 14 })] });
  clock.load({ users: [newUser(BEN.pin, { name: BEN.name, card: BEN.card })] });
  clock.load({
    templates: [
      {
        pin: ANA.pin,
        fid: 6,
        valid: true,
        template: simulatedTemplate({ person: ANA.pin, fid: 6 }),
      },
    ],
  });
  if (options.commKey !== undefined) {
    clock.send({ type: 'settings.changed', settings: { ...clock.settings(), commKey: options.commKey } });
  }
  const listener = await startLanListener({
    clock,
    log: createLogger({ level: 'silent' }),
    port: 0,
    ...(options.firstSessionId === undefined ? {} : { firstSessionId: options.firstSessionId }),
  });
  return {
    clock,
    listener,
    close: async () => {
      await listener.close();
      clock.close();
    },
  };
}

/** Loads punches through the firmware (a big table is set up faster than punched). */
export function seedPunches(clock: Clock, count: number, start = Date.UTC(2026, 10, 1, 8, 0, 0)): void {
  clock.load({
    punches: Array.from({ length: count }, (_, i) => ({
      pin: i % 2 === 0 ? ANA.pin : BEN.pin,
      time: start + i * 60_000,
      state: (i % 2) as Punch['state'],
      verify: 1 as const,
      workCode: 0,
    })),
  });
}

/** Resolves with the first value `probe` gives, checked on every event-loop turn (no sleeping). */
export function next<T>(subscribe: (resolve: (value: T) => void) => void): Promise<T> {
  return new Promise((resolve) => subscribe(resolve));
}
