// The behaviour every adapter of ClockPorts owes the firmware, as one suite run against each adapter.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simulatedTemplate } from '../../firmware/fingers.js';
import type { ClockPorts } from '../../firmware/ports.js';
import type { NewPunch } from '../../firmware/punches.js';
import type { ClockSettings } from '../../firmware/settings.js';
import { newUser, type Template } from '../../firmware/users.js';

export interface PortsFixture {
  ports: ClockPorts;
  dispose(): void;
}

const punchAt = (pin: string, time: number, state: NewPunch['state'] = 0): NewPunch => ({
  pin,
  time,
  state,
  verify: 1,
  workCode: 0,
});

/** Settings with every field unlike the defaults, so that a store that drops or resets one is caught. */
export const SAVED_SETTINGS: ClockSettings = {
  duplicateWindowSeconds: 30,
  punchStateRule: { kind: 'schedule', slots: [{ from: '12:00', state: 1 }] },
  defaultVerifyMode: 6,
  dhcp: false,
  ip: '10.0.0.9',
  netmask: '255.0.0.0',
  gateway: '10.0.0.1',
  cloudServer: 'http://127.0.0.1:8081',
  cloudKey: '',
  clockOffsetMs: -1500,
  timeZoneMinutes: 60,
  commKey: 0,
};

const fingerTemplate = (pin: string, fid: number, person = pin): Template => ({
  pin,
  fid,
  valid: true,
  template: simulatedTemplate({ person, fid }),
});

/** Defines the contract's describe blocks; `open` gives a fresh, empty store for each test. */
export function describePortContract(adapter: string, open: () => PortsFixture): void {
  describe(`${adapter} adapter of the clock ports`, () => {
    let fixture: PortsFixture;
    let ports: ClockPorts;

    beforeEach(() => {
      fixture = open();
      ports = fixture.ports;
    });
    afterEach(() => fixture.dispose());

    describe('users', () => {
      it('finds a user by PIN exactly as it was put', () => {
        const user = newUser('1001', { name: 'Ana Díaz', privilege: 14, password: '42', card: '7788', verifyMode: 6 });

        ports.users.put(user);

        expect(ports.users.findByPin('1001')).toEqual(user);
        expect(ports.users.findByPin('100')).toBeUndefined();
      });

      it('replaces a user put again under the same PIN', () => {
        ports.users.put(newUser('7', { name: 'Old' }));

        ports.users.put(newUser('7', { name: 'New' }));

        expect(ports.users.count()).toBe(1);
        expect(ports.users.findByPin('7')?.name).toBe('New');
      });

      it('does not let edits of a returned user reach the table', () => {
        ports.users.put(newUser('7', { name: 'Kept' }));

        ports.users.findByPin('7')!.name = 'Changed';

        expect(ports.users.findByPin('7')?.name).toBe('Kept');
      });

      it('finds a user by card, and no longer by the old card after the card changed', () => {
        ports.users.put(newUser('1', { card: '111' }));

        ports.users.put(newUser('1', { card: '222' }));

        expect(ports.users.findByCard('111')).toBeUndefined();
        expect(ports.users.findByCard('222')?.pin).toBe('1');
      });

      it('never finds a user by an empty card', () => {
        ports.users.put(newUser('1', { card: '' }));

        expect(ports.users.findByCard('')).toBeUndefined();
      });

      it('gives a card held by two users to the first of them in PIN order', () => {
        ports.users.put(newUser('10', { card: '5' }));
        ports.users.put(newUser('9', { card: '5' }));

        expect(ports.users.findByCard('5')?.pin).toBe('9');
      });

      it('removes a user and its card, and says whether there was one', () => {
        ports.users.put(newUser('1', { card: '111' }));

        expect(ports.users.remove('1')).toBe(true);
        expect(ports.users.remove('1')).toBe(false);
        expect(ports.users.findByPin('1')).toBeUndefined();
        expect(ports.users.findByCard('111')).toBeUndefined();
      });

      it('counts users, users with cards and privileged users as they change', () => {
        ports.users.put(newUser('1', { card: '11', privilege: 14 }));
        ports.users.put(newUser('2', { card: '22' }));
        ports.users.put(newUser('3', { privilege: 2 }));
        ports.users.put(newUser('1', { card: '', privilege: 0 }));

        expect(ports.users.count()).toBe(3);
        expect(ports.users.countCards()).toBe(1);
        expect(ports.users.countPrivileged()).toBe(1);
      });

      it('clears every user and every card', () => {
        ports.users.put(newUser('1', { card: '11', privilege: 14 }));

        ports.users.clear();

        expect(ports.users.count()).toBe(0);
        expect(ports.users.countCards()).toBe(0);
        expect(ports.users.countPrivileged()).toBe(0);
        expect(ports.users.findByCard('11')).toBeUndefined();
      });
    });

    describe('user search', () => {
      beforeEach(() => {
        for (const [pin, name] of [
          ['10', 'Bob Stone'],
          ['2', 'Ana Díaz'],
          ['100', 'Carla BOBBY'],
          ['1', 'Dan'],
          ['21', 'Eve'],
        ] as const) {
          ports.users.put(newUser(pin, { name }));
        }
      });

      it('lists everyone in PIN order, shorter PINs first, for an empty query', () => {
        expect(ports.users.search('', 0, 10).map((u) => u.pin)).toEqual(['1', '2', '10', '21', '100']);
      });

      it('matches names containing the query in any case', () => {
        expect(ports.users.search('bob', 0, 10).map((u) => u.pin)).toEqual(['10', '100']);
        expect(ports.users.search('DÍAZ', 0, 10).map((u) => u.pin)).toEqual(['2']);
      });

      it('matches PINs starting with the query, not containing it', () => {
        expect(ports.users.search('1', 0, 10).map((u) => u.pin)).toEqual(['1', '10', '100']);
      });

      it('pages through the matches with offset and limit', () => {
        expect(ports.users.search('', 1, 2).map((u) => u.pin)).toEqual(['2', '10']);
        expect(ports.users.search('', 4, 2).map((u) => u.pin)).toEqual(['100']);
        expect(ports.users.search('', 5, 2)).toEqual([]);
        expect(ports.users.search('', 0, 0)).toEqual([]);
      });

      it('reads an infinite limit as all matches, and a negative offset as none skipped', () => {
        expect(ports.users.search('', -3, Infinity)).toHaveLength(5);
      });

      it('treats query characters literally', () => {
        ports.users.put(newUser('5', { name: '100% _sure_' }));

        expect(ports.users.search('%', 0, 10).map((u) => u.pin)).toEqual(['5']);
        expect(ports.users.search('_s', 0, 10).map((u) => u.pin)).toEqual(['5']);
      });
    });

    describe('templates', () => {
      it('lists a user’s templates by finger index and finds one by (pin, fid)', () => {
        ports.templates.put(fingerTemplate('1', 6));
        ports.templates.put(fingerTemplate('1', 2));
        ports.templates.put(fingerTemplate('2', 6));

        expect(ports.templates.listFor('1').map((t) => t.fid)).toEqual([2, 6]);
        expect(ports.templates.find('1', 6)).toEqual(fingerTemplate('1', 6));
        expect(ports.templates.find('1', 7)).toBeUndefined();
        expect(ports.templates.count()).toBe(3);
      });

      it('finds a template by the physical finger its simulated blob names', () => {
        ports.templates.put(fingerTemplate('1001', 6));

        expect(ports.templates.findByFinger('1001/6')?.pin).toBe('1001');
        expect(ports.templates.findByFinger('1001/5')).toBeUndefined();
      });

      it('keeps a foreign template but never finds it by finger', () => {
        const foreign: Template = { pin: '1', fid: 0, valid: true, template: 'U1NTAAAAAAAAAAAA' };

        ports.templates.put(foreign);

        expect(ports.templates.find('1', 0)).toEqual(foreign);
        expect(ports.templates.count()).toBe(1);
      });

      it('forgets the old finger when a template is replaced by another finger’s', () => {
        ports.templates.put(fingerTemplate('1', 6));

        ports.templates.put({ ...fingerTemplate('1', 6), template: simulatedTemplate({ person: '1', fid: 7 }) });

        expect(ports.templates.findByFinger('1/6')).toBeUndefined();
        expect(ports.templates.findByFinger('1/7')?.fid).toBe(6);
        expect(ports.templates.count()).toBe(1);
      });

      it('removes one finger when given a fid, and all of a user’s otherwise', () => {
        for (const fid of [1, 2, 3]) ports.templates.put(fingerTemplate('1', fid));
        ports.templates.put(fingerTemplate('2', 1));

        expect(ports.templates.remove('1', 2)).toBe(1);
        expect(ports.templates.remove('1', 2)).toBe(0);
        expect(ports.templates.remove('1')).toBe(2);
        expect(ports.templates.findByFinger('1/1')).toBeUndefined();
        expect(ports.templates.listFor('2')).toHaveLength(1);
      });

      it('keeps templates when their user is removed', () => {
        ports.users.put(newUser('1'));
        ports.templates.put(fingerTemplate('1', 6));

        ports.users.remove('1');

        expect(ports.templates.listFor('1')).toHaveLength(1);
      });

      it('clears every template', () => {
        ports.templates.put(fingerTemplate('1', 6));

        ports.templates.clear();

        expect(ports.templates.count()).toBe(0);
        expect(ports.templates.findByFinger('1/6')).toBeUndefined();
      });
    });

    describe('punch log', () => {
      it('numbers punches from 1 in the order they were appended', () => {
        const first = ports.punches.append(punchAt('1', 1000));
        const second = ports.punches.append(punchAt('2', 500));

        expect(first).toEqual({ ...punchAt('1', 1000), seq: 1 });
        expect(second.seq).toBe(2);
        expect(ports.punches.count()).toBe(2);
      });

      it('gives the punches after a seq, oldest first, up to the limit', () => {
        for (let i = 1; i <= 5; i++) ports.punches.append(punchAt('1', i * 1000));

        expect(ports.punches.after(2, 2).map((p) => p.seq)).toEqual([3, 4]);
        expect(ports.punches.after(0, 100).map((p) => p.seq)).toEqual([1, 2, 3, 4, 5]);
        expect(ports.punches.after(5, 100)).toEqual([]);
        expect(ports.punches.after(0, Infinity)).toHaveLength(5);
      });

      it('gives the punches between two times inclusive, in time order', () => {
        ports.punches.append(punchAt('1', 3000));
        ports.punches.append(punchAt('2', 1000));
        ports.punches.append(punchAt('3', 2000));
        ports.punches.append(punchAt('4', 5000));

        expect(ports.punches.between(1000, 3000).map((p) => p.pin)).toEqual(['2', '3', '1']);
      });

      it('gives the punch appended last for a user, not the latest in time', () => {
        ports.punches.append(punchAt('1', 5000, 0));
        ports.punches.append(punchAt('2', 6000, 0));
        ports.punches.append(punchAt('1', 4000, 1));

        expect(ports.punches.lastFor('1')).toMatchObject({ seq: 3, state: 1 });
        expect(ports.punches.lastFor('3')).toBeUndefined();
      });

      it('tells whether one user has a punch in a span of time, both ends included, whatever came after', () => {
        ports.punches.append(punchAt('1', 5000));
        ports.punches.append(punchAt('2', 2500));
        ports.punches.append(punchAt('1', 9000));

        expect(ports.punches.punchedBetween('1', 4000, 5000)).toBe(true);
        expect(ports.punches.punchedBetween('1', 5000, 5999)).toBe(true);
        expect(ports.punches.punchedBetween('1', 2000, 2999)).toBe(false); // user 2's second
        expect(ports.punches.punchedBetween('2', 2000, 2999)).toBe(true);
        expect(ports.punches.punchedBetween('3', 0, 10_000)).toBe(false);
        ports.punches.clear();
        expect(ports.punches.punchedBetween('1', 5000, 5999)).toBe(false);
      });

      it("gives a user's last punch as the store has it after a rolled-back append", () => {
        ports.punches.append(punchAt('1', 1000, 0));
        expect(ports.punches.lastFor('1')?.seq).toBe(1);

        expect(() =>
          ports.transaction(() => {
            ports.punches.append(punchAt('1', 2000, 1));
            expect(ports.punches.lastFor('1')?.seq).toBe(2);
            throw new Error('flash write failed');
          }),
        ).toThrow('flash write failed');

        expect(ports.punches.lastFor('1')).toMatchObject({ seq: 1, state: 0 });
        expect(ports.punches.punchedBetween('1', 2000, 2999)).toBe(false);
      });

      it('keeps numbering after a clear, so upload cursors stay meaningful', () => {
        ports.punches.append(punchAt('1', 1000));
        ports.punches.append(punchAt('1', 2000));

        ports.punches.clear();
        const next = ports.punches.append(punchAt('1', 3000));

        expect(next.seq).toBe(3);
        expect(ports.punches.count()).toBe(1);
        expect(ports.punches.after(0, 10).map((p) => p.seq)).toEqual([3]);
        expect(ports.punches.lastFor('1')?.seq).toBe(3);
      });

      it('tells the next seq before the append that takes it, also after a clear', () => {
        expect(ports.punches.nextSeq()).toBe(1);
        ports.punches.append(punchAt('1', 1000));
        ports.punches.clear();

        const seq = ports.punches.nextSeq();
        const stored = ports.punches.append({ ...punchAt('1', 2000), seq });

        expect(seq).toBe(2);
        expect(stored.seq).toBe(2);
        expect(ports.punches.nextSeq()).toBe(3);
      });

      it('refuses a punch that carries a seq other than the next, and stores nothing', () => {
        ports.punches.append(punchAt('1', 1000));
        ports.punches.clear();

        expect(() => ports.punches.append({ ...punchAt('1', 2000), seq: 1 })).toThrow(
          "seq 1 is not the log's next (2)",
        );
        expect(ports.punches.count()).toBe(0);
      });
    });

    describe('operation log', () => {
      it('numbers operations and gives them back after a seq with their values', () => {
        ports.operations.append({ op: 6, admin: '0', time: 1000, values: [1001, 6, ''] });
        ports.operations.append({ op: 30, admin: '1', time: 2000, values: ['1001', 0, 0] });

        expect(ports.operations.after(0, 10)).toEqual([
          { seq: 1, op: 6, admin: '0', time: 1000, values: [1001, 6, ''] },
          { seq: 2, op: 30, admin: '1', time: 2000, values: ['1001', 0, 0] },
        ]);
        expect(ports.operations.after(1, 10).map((o) => o.seq)).toEqual([2]);
        expect(ports.operations.count()).toBe(2);
      });

      it('clears operations without reusing their numbers', () => {
        ports.operations.append({ op: 6, admin: '0', time: 1000, values: [0, 0, 0] });

        ports.operations.clear();

        expect(ports.operations.count()).toBe(0);
        expect(ports.operations.append({ op: 6, admin: '0', time: 1, values: [0, 0, 0] }).seq).toBe(2);
      });

      it('takes an operation decided with its next seq, and refuses any other seq', () => {
        const operation = { seq: ports.operations.nextSeq(), op: 4, admin: '1', time: 5, values: [0, 0, 0] } as const;

        expect(ports.operations.append({ ...operation, values: [0, 0, 0] })).toEqual({
          ...operation,
          values: [0, 0, 0],
        });
        expect(() => ports.operations.append({ ...operation, values: [0, 0, 0] })).toThrow(
          /seq 1 is not the log's next \(2\)/,
        );
      });
    });

    describe('settings, journal and cursors', () => {
      it('has no settings before the first save, and gives back what was saved', () => {
        expect(ports.settings.load()).toBeUndefined();

        ports.settings.save(SAVED_SETTINGS);

        expect(ports.settings.load()).toEqual(SAVED_SETTINGS);
      });

      it('finds a recorded command by id, and nothing for an unknown id', () => {
        const entry = { id: '17', command: 'DATA DELETE USERINFO PIN=1', returnCode: 0, reply: ['a=b'], appliedAt: 9 };

        ports.journal.record(entry);

        expect(ports.journal.find('17')).toEqual(entry);
        expect(ports.journal.find('18')).toBeUndefined();
      });

      it('starts every upload cursor at 0 and keeps what was set, per table', () => {
        ports.cursors.set('ATTLOG', 12);

        expect(ports.cursors.get('ATTLOG')).toBe(12);
        expect(ports.cursors.get('OPERLOG')).toBe(0);
      });
    });

    describe('transactions', () => {
      it('keeps every write of a transaction that returns, and gives back its result', () => {
        const result = ports.transaction(() => {
          ports.users.put(newUser('1'));
          return ports.punches.append(punchAt('1', 1000)).seq;
        });

        expect(result).toBe(1);
        expect(ports.users.count()).toBe(1);
      });

      it('undoes every write of a transaction that throws', () => {
        ports.users.put(newUser('1', { name: 'Before', card: '11' }));
        ports.templates.put(fingerTemplate('1', 6));
        ports.punches.append(punchAt('1', 1000));
        ports.cursors.set('ATTLOG', 1);

        expect(() =>
          ports.transaction(() => {
            ports.users.put(newUser('1', { name: 'After', card: '22' }));
            ports.users.put(newUser('2', { card: '33' }));
            ports.templates.remove('1');
            ports.templates.put(fingerTemplate('2', 1));
            ports.punches.append(punchAt('2', 2000));
            ports.operations.append({ op: 6, admin: '0', time: 2000, values: [0, 0, 0] });
            ports.settings.save(SAVED_SETTINGS);
            ports.journal.record({ id: '1', command: 'X', returnCode: 0, reply: [], appliedAt: 0 });
            ports.cursors.set('ATTLOG', 2);
            throw new Error('cloud command failed halfway');
          }),
        ).toThrow('cloud command failed halfway');

        expect(ports.users.findByPin('1')?.name).toBe('Before');
        expect(ports.users.findByCard('11')?.pin).toBe('1');
        expect(ports.users.findByCard('22')).toBeUndefined();
        expect(ports.users.findByPin('2')).toBeUndefined();
        expect(ports.users.search('', 0, 10).map((u) => u.pin)).toEqual(['1']);
        expect(ports.templates.findByFinger('1/6')?.pin).toBe('1');
        expect(ports.templates.count()).toBe(1);
        expect(ports.punches.count()).toBe(1);
        expect(ports.punches.lastFor('2')).toBeUndefined();
        expect(ports.operations.count()).toBe(0);
        expect(ports.settings.load()).toBeUndefined();
        expect(ports.journal.find('1')).toBeUndefined();
        expect(ports.cursors.get('ATTLOG')).toBe(1);
      });

      it('undoes clears inside a transaction that throws', () => {
        ports.users.put(newUser('1', { card: '11' }));
        ports.punches.append(punchAt('1', 1000));

        expect(() =>
          ports.transaction(() => {
            ports.users.clear();
            ports.punches.clear();
            throw new Error('abort');
          }),
        ).toThrow('abort');

        expect(ports.users.findByCard('11')?.pin).toBe('1');
        expect(ports.punches.lastFor('1')?.seq).toBe(1);
        expect(ports.punches.append(punchAt('1', 2000)).seq).toBe(2);
      });

      it('undoes only the inner transaction when the outer one catches its error', () => {
        ports.transaction(() => {
          ports.users.put(newUser('1'));
          try {
            ports.transaction(() => {
              ports.users.put(newUser('2'));
              throw new Error('inner');
            });
          } catch {
            // the outer transaction goes on without the inner one's writes
          }
        });

        expect(ports.users.search('', 0, 10).map((u) => u.pin)).toEqual(['1']);
      });

      it('refuses a function that returns a promise, keeping none of its writes', () => {
        expect(() =>
          ports.transaction(() => {
            ports.users.put(newUser('1'));
            return Promise.resolve();
          }),
        ).toThrow(TypeError);

        expect(ports.users.count()).toBe(0);
      });
    });
  });
}
