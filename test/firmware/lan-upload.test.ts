// The firmware's side of a LAN upload of users with templates (`put-user-templates`), on the in-memory
// ports of a small model: OPLOG 30 per user and 6 per finger; refusals checked before any write; a
// full table stops the batch where it is full, keeping what came before.
import { describe, expect, it } from 'vitest';
import { simulatedTemplate } from '../../firmware/fingers.js';
import { applyLanRequest } from '../../firmware/lan.js';
import { newUser, type Template, type User } from '../../firmware/users.js';
import { contextFor, SMALL } from '../fixtures/command-context.js';

const finger = (pin: string, fid: number): Template => ({
  pin,
  fid,
  valid: true,
  template: simulatedTemplate({ person: pin, fid }),
});
const entry = (pin: string, uid: number, fids: number[]): { user: User; templates: Template[] } => ({
  user: { ...newUser(pin, { name: `User ${pin}` }), uid },
  templates: fids.map((fid) => finger(pin, fid)),
});

describe("a LAN upload of users with templates (pyzk's save_user_template)", () => {
  it('stores each user with the uid given and each finger, with OPLOG 30 and 6 as enrollments', () => {
    const ctx = contextFor();
    const result = applyLanRequest({ kind: 'put-user-templates', users: [entry('1003', 9, [5, 6])] }, ctx);

    expect(result.ok).toBe(true);
    expect(ctx.ports.users.findByUid(9)?.pin).toBe('1003');
    expect(ctx.ports.templates.listFor('1003').map((t) => t.fid)).toEqual([5, 6]);
    expect(result.operations.map((o) => [o.op, ...o.values])).toEqual([
      [30, '1003', 0, 0],
      [6, '1003', 5, 0],
      [6, '1003', 6, 0],
    ]);
  });

  it('writes nothing when a uid is another user’s, twice in the upload, or fingers go to a clock without a reader', () => {
    const ctx = contextFor();
    ctx.ports.users.put({ ...newUser('1001'), uid: 1 });
    const taken = applyLanRequest(
      { kind: 'put-user-templates', users: [entry('1003', 4, []), entry('1004', 1, [0])] },
      ctx,
    );
    const twice = applyLanRequest(
      { kind: 'put-user-templates', users: [entry('1003', 4, []), entry('1004', 4, [])] },
      ctx,
    );
    const noReader = contextFor({ ...SMALL, readers: { fingerprint: false, proximity: true } });
    const blind = applyLanRequest({ kind: 'put-user-templates', users: [entry('1003', 4, [0])] }, noReader);

    expect([taken.problem, twice.problem, blind.problem]).toEqual([
      "uid 1 is user 1001's, not 1004's",
      'uid 4 twice in one upload',
      'this model has no fingerprint reader',
    ]);
    expect([taken.ok, twice.ok, blind.ok]).toEqual([false, false, false]);
    expect(ctx.ports.users.count() + noReader.ports.users.count()).toBe(1);
    expect(taken.operations.length + twice.operations.length + blind.operations.length).toBe(0);
  });

  it('stops at a full fingerprint table, keeping and recording what it wrote before', () => {
    const ctx = contextFor();
    const result = applyLanRequest(
      { kind: 'put-user-templates', users: [entry('1003', 3, [0, 1]), entry('1004', 4, [2])] },
      ctx,
    );

    expect(result.ok).toBe(false);
    expect(result.problem).toMatch(/^finger 2 of user 1004: Return=/);
    expect(ctx.ports.templates.count()).toBe(2);
    expect(result.operations.map((o) => [o.op, o.values[0], o.values[1]])).toEqual([
      [30, '1003', 0],
      [6, '1003', 0],
      [6, '1003', 1],
      [30, '1004', 0],
    ]);
  });
});
