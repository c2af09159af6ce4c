// The clock's effects: every write to the store, each a named action that runs in the step after the
// pure builders (assign, enqueueActions, emit) decided what to write. xstate's pure transition() decides
// without running them, so a look-ahead or a model walk never changes the store.
import { enqueueActions, type ActionFunction, type ParameterizedObject } from 'xstate';
import type { ClockContext } from './context.js';
import type { ClockEmitted, ClockEvent } from './events.js';
import { applyLanRequest } from './lan.js';
import type { OperationRecord } from './ports.js';
import type { Punch } from './punches.js';
import type { ClockSettings } from './settings.js';
import type { Template } from './users.js';
import { STORE_FAULT_TITLES, tryWrite } from './store-faults.js';

/** The effects the builders enqueue, by name and params. */
export type ClockEffect =
  | { type: 'storePunch'; params: { punch: Punch } }
  | { type: 'appendOperation'; params: { operation: OperationRecord } }
  | { type: 'saveSettings'; params: SettingsWrite }
  | { type: 'removeUser'; params: { pin: string; operation: OperationRecord } }
  | { type: 'storeTemplate'; params: { template: Template; operation: OperationRecord } };

/**
 * Settings to save; `previous` are those in force before (put back if the store refuses), `told` whether
 * a save is told as `settings.saved` (a keypad lock's is not).
 */
export interface SettingsWrite {
  settings: ClockSettings;
  previous: ClockSettings;
  told: boolean;
}

/** What an enqueueActions builder of this machine is handed, as far as the helpers need it. */
export interface Enqueue {
  (effect: ClockEffect): void;
  assign(values: Partial<ClockContext>): void;
  emit(fact: ClockEmitted): void;
}

type Effect<P extends ParameterizedObject['params']> = ActionFunction<
  ClockContext,
  ClockEvent,
  ClockEvent,
  P,
  never,
  never,
  never,
  never,
  ClockEmitted
>;

/** A punch is told (`punch.recorded`) only once it is stored; a refused one is told as `store.failed`. */
const storePunch: Effect<{ punch: Punch }> = ({ context, self }, { punch }) => {
  const stored = tryWrite(
    (e) => self.send(e),
    'punch',
    () => context.ports.punches.append(punch),
    punch,
  );
  if (stored) self.send({ type: 'punch.stored', punch });
};

/**
 * The writes below tell their facts (`store.written`) only once the store took them: a full disk must not
 * leave an OPLOG record, a deleted user or an enrolled finger told that is not in the store.
 */
const appendOperation: Effect<{ operation: OperationRecord }> = ({ context, self }, { operation }) => {
  const written = tryWrite(
    (e) => self.send(e),
    'operation',
    () => context.ports.operations.append(operation),
  );
  if (written) self.send({ type: 'store.written', facts: [{ type: 'operation.recorded', operation }] });
};

const saveSettings: Effect<SettingsWrite> = ({ context, self }, { settings, previous, told }) => {
  const written = tryWrite(
    (e) => self.send({ ...e, previousSettings: previous }),
    'settings',
    () => context.ports.settings.save(settings),
  );
  if (written) self.send({ type: 'store.written', facts: told ? [{ type: 'settings.saved', settings }] : [] });
};

/** The user, their templates and the OPLOG record of it in one transaction: all of it or none. */
const removeUser: Effect<{ pin: string; operation: OperationRecord }> = ({ context, self }, { pin, operation }) => {
  const { ports } = context;
  const written = tryWrite(
    (e) => self.send(e),
    'user',
    () =>
      ports.transaction(() => {
        ports.templates.remove(pin);
        ports.users.remove(pin);
        ports.operations.append(operation);
      }),
  );
  const facts = [{ type: 'user.deleted', pin } as const, { type: 'operation.recorded', operation } as const];
  if (written) self.send({ type: 'store.written', facts });
};

const storeTemplate: Effect<{ template: Template; operation: OperationRecord }> = (
  { context, self },
  { template, operation },
) => {
  const { ports } = context;
  const written = tryWrite(
    (e) => self.send(e),
    'template',
    () =>
      ports.transaction(() => {
        ports.templates.put(template);
        ports.operations.append(operation);
      }),
  );
  const { pin, fid } = template;
  const facts = [{ type: 'finger.enrolled', pin, fid } as const, { type: 'operation.recorded', operation } as const];
  if (written) self.send({ type: 'store.written', facts });
};

/**
 * An SDK client's write, applied as one transaction; what it did comes back as `lan.applied`, which the
 * machine answers (the mailbox takes it before the client's send returns).
 */
const applyLan: Effect<undefined> = ({ context, event, self }) => {
  if (event.type !== 'lan.request') return;
  const { ports, model, settings, now, serialNumber } = context;
  type Result = Extract<ClockEvent, { type: 'lan.applied' }>['result'];
  let result: Result = { ok: false, problem: 'the clock could not store it', records: [] };
  tryWrite(
    (failed) => {
      result = { ok: false, problem: `${STORE_FAULT_TITLES[failed.fault].toLowerCase()}: not stored`, records: [] };
      self.send(failed);
    },
    'lan',
    () => {
      result = ports.transaction(() => {
        const applied = applyLanRequest(event.request, { ports, model, settings, now, serialNumber });
        if (applied.settings) ports.settings.save(applied.settings);
        const records = applied.operations.map((operation) => ports.operations.append(operation));
        return { ok: applied.ok, problem: applied.problem, settings: applied.settings, records };
      });
    },
  );
  self.send({ type: 'lan.applied', id: event.id, request: event.request, result });
};

export const clockEffects = { storePunch, appendOperation, saveSettings, removeUser, storeTemplate, applyLan };

/** enqueueActions typed once for this machine: setup() cannot infer the names of its own effects. */
export function enqueueClockActions(
  collect: (args: { context: ClockContext; event: ClockEvent; enqueue: Enqueue }) => void,
): ActionFunction<ClockContext, ClockEvent, ClockEvent, undefined, never, never, never, never, ClockEmitted> {
  return enqueueActions(({ context, event, enqueue }) =>
    collect({ context, event, enqueue: enqueue as unknown as Enqueue }),
  );
}
