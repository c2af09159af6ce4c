// One door into the clock: every change from outside — a PUSH command, a LAN request, a set-up load, a
// library call — reaches the tables only through the firmware's effects. A witness store notes every
// write made without an effect on the call stack; the old way round the firmware is shown to be caught.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executeCommandLine } from '../../firmware/command-apply.js';
import { parseCommandBody } from '../../firmware/commands.js';
import { PORT_WRITES, defaultSettings, newUser, type ClockPorts } from '../../firmware/index.js';
import { seedDemoCompany } from '../../src/cli/demo.js';
import { StoreDoorError, type Clock } from '../../src/runtime/index.js';
import { createMemoryPorts } from '../../src/store/index.js';
import { startSync } from '../../src/sync/index.js';
import { enterId, testClock } from '../fixtures/clock.js';
import { STAFF, seedStaff } from '../fixtures/staff.js';
import { startScriptedServer, type ScriptedServer } from '../sync/scripted-server.js';

const T = '\t';

/** A store in memory that counts its writes and names each one made with no firmware effect on the stack. */
function witnessStore(): { store: ClockPorts; writes: () => number; outside: string[] } {
  const store = createMemoryPorts();
  const outside: string[] = [];
  let writes = 0;
  for (const [name, methods] of Object.entries(PORT_WRITES)) {
    const table = store[name as keyof typeof PORT_WRITES] as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const method of methods) {
      const original = table[method]!.bind(table);
      table[method] = (...args) => {
        writes++;
        if (!/firmware[\\/]clock\.effects\.ts/.test(new Error().stack ?? '')) outside.push(`${name}.${method}`);
        return original(...args);
      };
    }
  }
  return { store, writes: () => writes, outside };
}

const stackLimit = Error.stackTraceLimit;
beforeEach(() => {
  // The witness reads the whole call stack: a write deep in a command's transaction is ~20 frames down.
  Error.stackTraceLimit = Infinity;
});
let server: ScriptedServer | undefined;
let clock: Clock | undefined;
afterEach(async () => {
  Error.stackTraceLimit = stackLimit;
  clock?.close();
  await server?.stop();
});

describe('the one door into the clock', () => {
  it('lets PUSH commands, LAN writes, loads and library calls write only through the firmware', async () => {
    const { store, writes, outside } = witnessStore();
    clock = testClock({ staff: [], store: { kind: 'given', ports: store } });
    seedDemoCompany(clock);
    seedStaff(clock, ['admin', 'user']);
    clock.send({ type: 'lan.request', id: 1, request: { kind: 'put-user', user: newUser('7001', { name: 'Lan' }) } });
    clock.send({ type: 'lan.request', id: 2, request: { kind: 'delete-user', pin: STAFF.admin.pin } });
    enterId(clock, STAFF.user.pin);
    server = await startScriptedServer();
    server.queue(
      `C:1:DATA UPDATE USERINFO PIN=5000${T}Name=Ana Lopez${T}Pri=0${T}Verify=0`,
      `C:2:DATA DELETE USERINFO PIN=7001`,
      `C:3:SET OPTION TimeZone=2`,
    );
    const link = startSync(clock, { url: server.url });
    await link.whenIdle();
    await link.stop();

    expect(server.replies.map((r) => [r.id, r.returnCode])).toEqual([
      ['1', 0],
      ['2', 0],
      ['3', 0],
    ]);
    expect(clock.records.users.findByPin('5000')?.name).toBe('Ana Lopez');
    expect(clock.records.users.findByPin('7001')).toBeUndefined();
    expect(clock.records.users.findByPin(STAFF.admin.pin)).toBeUndefined();
    expect(clock.records.users.findByPin('9001')?.name).toBe('Admin Park');
    expect(clock.punches()).toMatchObject([{ pin: STAFF.user.pin }]);
    // The SET OPTION is in force in the firmware itself, with no settings.changed sent by the host.
    expect(clock.settings().timeZoneMinutes).toBe(120);
    expect(writes()).toBeGreaterThan(20);
    expect(outside).toEqual([]);
  });

  it('catches the old way round the firmware: a command applied by the host straight onto the store', () => {
    const { store, outside } = witnessStore();
    const { commands } = parseCommandBody(`C:9:DATA UPDATE USERINFO PIN=5000${T}Name=Ana${T}Verify=0`);
    const model = testClock({ staff: [] }).model;

    // What src/sync/link-rounds.ts did before: executeCommandLine on the clock's ports, from the host.
    executeCommandLine(commands[0]!, {
      ports: store,
      model,
      settings: defaultSettings(model),
      now: 0,
      serialNumber: 'X',
    });

    expect(outside).toEqual(['users.put', 'journal.record']);
  });

  it("refuses a write through the clock's records, naming it, and the clock runs on", () => {
    clock = testClock({ staff: [] });
    // What scenario/seed.ts and cli/demo.ts did before, through the public Clock.ports.
    const ports = clock.records as unknown as ClockPorts;

    expect(() => ports.users.put(newUser('1'))).toThrow(StoreDoorError);
    expect(() => ports.cursors.set('ATTLOG', 5)).toThrow(/outside the firmware's effects \(cursors\.set\)/);
    expect(clock.records.users.count()).toBe(0);
    enterId(clock, '1');
    expect(clock.frame().lines.join('\n')).toContain('Unknown User');
  });

  it('gives every clock’s door the same shape, so that a fleet’s reads do not look through a shape per clock', () => {
    const [a, b] = [testClock({ staff: [] }), testClock({ staff: [] })];
    const tables = ['users', 'templates', 'punches', 'operations', 'settings', 'journal', 'cursors'] as const;

    // A door made by Object.create(table) has the clock's own table as its prototype: one shape per clock,
    // and V8's lookups miss at 1,000 clocks (BENCHMARKS.md § Fleet, "the door").
    for (const table of tables)
      expect(Object.getPrototypeOf(a.records[table])).toBe(Object.getPrototypeOf(b.records[table]));
    expect(a.records.users.count()).toBe(0);
    a.close();
    b.close();
  });
});
