// The memory store behind a fault switch (what the scenario's `disk:` step sets): with the switch off it
// keeps the whole port contract; with it on, every write throws SQLite's error translated as the file
// store translates it, reads still answer, and a transaction keeps nothing of a refused write.
import { describe, expect, it } from 'vitest';
import { newUser } from '../../firmware/users.js';
import { createMemoryPorts, StoreWriteError, withFaultSwitch, type StoreFaultSwitch } from '../../src/store/index.js';
import { describePortContract } from './port-contract.js';

describePortContract('in-memory behind a fault switch that is off', () => ({
  ports: withFaultSwitch(createMemoryPorts(), { fault: undefined }),
  dispose: () => {},
}));

function switched() {
  const disk: StoreFaultSwitch = { fault: undefined };
  const ports = withFaultSwitch(createMemoryPorts(), disk);
  ports.users.put(newUser('1003', { name: 'Una User' }));
  return { disk, ports };
}

describe('a memory store whose disk is switched', () => {
  it.each([
    ['full', 'the disk is full (database or disk is full)'],
    ['read-only', 'the file or its volume is read-only (attempt to write a readonly database)'],
    ['failed', 'the disk reports an error (disk I/O error)'],
  ] as const)('%s: refuses a write with a StoreWriteError that names the store and says why', (fault, words) => {
    const { disk, ports } = switched();
    disk.fault = fault;

    const write = () => ports.punches.append({ pin: '1003', time: 0, state: 0, verify: 0, workCode: 0 });

    expect(write).toThrow(StoreWriteError);
    expect(write).toThrow(`cannot write the clock's store (memory): ${words}`);
    expect(() => write()).toThrow(expect.objectContaining({ storeFault: fault }) as Error);
  });

  it('answers reads while writes are refused, and takes writes again when the switch is off', () => {
    const { disk, ports } = switched();
    disk.fault = 'full';

    expect(ports.users.findByPin('1003')?.name).toBe('Una User');
    expect(() => ports.settings.save({} as never)).toThrow(StoreWriteError);
    expect(() => ports.users.remove('1003')).toThrow(StoreWriteError);
    disk.fault = undefined;
    ports.users.remove('1003');
    expect(ports.users.count()).toBe(0);
  });

  it('keeps nothing of a transaction whose second write is refused', () => {
    const { disk, ports } = switched();
    const punch = { pin: '1003', time: 0, state: 0, verify: 0, workCode: 0 } as const;

    expect(() =>
      ports.transaction(() => {
        ports.users.put(newUser('1004', { name: 'Sam' }));
        disk.fault = 'full';
        ports.punches.append(punch);
      }),
    ).toThrow(StoreWriteError);
    expect(ports.users.findByPin('1004')).toBeUndefined();
  });
});
