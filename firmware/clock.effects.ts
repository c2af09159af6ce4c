// The clock's effects: every write to the store, each a named action that runs in the step after the
// pure builders (assign, enqueueActions, emit) decided what to write. xstate's pure transition() decides
// without running them, so a look-ahead or a model walk never changes the store.
import { enqueueActions, type ActionFunction, type ParameterizedObject } from 'xstate';
import type { ClockContext } from './context.js';
import type { ClockEmitted, ClockEvent } from './events.js';
import { executeCommandLine } from './command-apply.js';
import { failed } from './commands.js';
import { applyLanRequest } from './lan.js';
import { writeLoad } from './load.js';
import type { ClockPorts, OperationRecord } from './ports.js';
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

/**
 * Builders enqueued after an effect of the same step, resolved once it ran: they read what it wrote (the
 * store is written during the step, so its result is known without a second event).
 */
export type ClockFollowUp = { type: 'tellStoredPunch'; params: { punch: Punch } };

/** What an enqueueActions builder of this machine is handed, as far as the helpers need it. */
export interface Enqueue {
  (action: ClockEffect | ClockFollowUp): void;
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

/** The effects, writing the store they are given (provided from outside: storeImplementations). */
export function clockEffects(store: ClockPorts) {
  /**
   * Runs during the step that decided the punch: a stored punch is told by `tellStoredPunch` in that same
   * step (no second event); a refused one is told as `store.failed`, the only event this effect sends.
   */
  const storePunch: Effect<{ punch: Punch }> = ({ self }, { punch }) => {
    tryWrite(
      (e) => self.send(e),
      'punch',
      () => store.punches.append(punch),
      punch,
    );
  };

  /**
   * The writes below tell their facts (`store.written`) only once the store took them: a full disk must
   * not leave an OPLOG record, a deleted user or an enrolled finger told that is not in the store.
   */
  const appendOperation: Effect<{ operation: OperationRecord }> = ({ self }, { operation }) => {
    const written = tryWrite(
      (e) => self.send(e),
      'operation',
      () => store.operations.append(operation),
    );
    if (written) self.send({ type: 'store.written', facts: [{ type: 'operation.recorded', operation }] });
  };

  const saveSettings: Effect<SettingsWrite> = ({ self }, { settings, previous, told }) => {
    const written = tryWrite(
      (e) => self.send({ ...e, previousSettings: previous }),
      'settings',
      () => store.settings.save(settings),
    );
    if (written) self.send({ type: 'store.written', facts: told ? [{ type: 'settings.saved', settings }] : [] });
  };

  /** The user, their templates and the OPLOG record of it in one transaction: all of it or none. */
  const removeUser: Effect<{ pin: string; operation: OperationRecord }> = ({ self }, { pin, operation }) => {
    const written = tryWrite(
      (e) => self.send(e),
      'user',
      () =>
        store.transaction(() => {
          store.templates.remove(pin);
          store.users.remove(pin);
          store.operations.append(operation);
        }),
    );
    const facts = [{ type: 'user.deleted', pin } as const, { type: 'operation.recorded', operation } as const];
    if (written) self.send({ type: 'store.written', facts });
  };

  const storeTemplate: Effect<{ template: Template; operation: OperationRecord }> = (
    { self },
    { template, operation },
  ) => {
    const written = tryWrite(
      (e) => self.send(e),
      'template',
      () =>
        store.transaction(() => {
          store.templates.put(template);
          store.operations.append(operation);
        }),
    );
    const { pin, fid } = template;
    const facts = [{ type: 'finger.enrolled', pin, fid } as const, { type: 'operation.recorded', operation } as const];
    if (written) self.send({ type: 'store.written', facts });
  };

  return {
    storePunch,
    appendOperation,
    saveSettings,
    removeUser,
    storeTemplate,
    ...doorEffects(store),
  };
}

/** The effects of what comes through the doors: a LAN write, a PUSH command, a load, an upload acknowledged. */
function doorEffects(store: ClockPorts) {
  /**
   * An SDK client's write, applied as one transaction; what it did comes back as `lan.applied`, which the
   * machine answers (the mailbox takes it before the client's send returns).
   */
  const applyLan: Effect<undefined> = ({ context, event, self }) => {
    if (event.type !== 'lan.request') return;
    const { model, settings, now, serialNumber } = context;
    const ports = store;
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

  /**
   * A PUSH command line, applied once with its journal entry in one transaction (command-apply.ts); what it
   * did comes back as `command.applied`. A store that refuses the write answers the protocol's -3.
   */
  const applyCloudCommand: Effect<undefined> = ({ context, event, self }) => {
    if (event.type !== 'cloud.command') return;
    const { model, settings, now, serialNumber } = context;
    const ports = store;
    const { line } = event;
    let applied = { outcome: failed('readWriteError'), replayed: false, answered: line.text };
    tryWrite(
      (e) => self.send(e),
      'command',
      () => (applied = executeCommandLine(line, { ports, model, settings, now, serialNumber })),
    );
    self.send({ type: 'command.applied', line, ...applied });
  };

  const loadRecords: Effect<undefined> = ({ context, event, self }) => {
    if (event.type !== 'records.load') return;
    let counts = null;
    tryWrite(
      (e) => self.send(e),
      'load',
      () => (counts = writeLoad(event.load, store, context.model.readers.fingerprint)),
    );
    self.send({ type: 'records.stored', counts });
  };

  const moveUploadCursor: Effect<undefined> = ({ event, self }) => {
    if (event.type !== 'upload.acknowledged') return;
    tryWrite(
      (e) => self.send(e),
      'cursor',
      () => store.cursors.set(event.table, event.seq),
    );
  };

  return { applyLan, applyCloudCommand, loadRecords, moveUploadCursor };
}

/** enqueueActions typed once for this machine: setup() cannot infer the names of its own effects. */
export function enqueueClockActions<P extends ParameterizedObject['params'] = undefined>(
  collect: (args: { context: ClockContext; event: ClockEvent; enqueue: Enqueue }, params: P) => void,
): ActionFunction<ClockContext, ClockEvent, ClockEvent, P, never, never, never, never, ClockEmitted> {
  return enqueueActions(({ context, event, enqueue }, params: P) =>
    collect({ context, event, enqueue: enqueue as unknown as Enqueue }, params),
  ) as ActionFunction<ClockContext, ClockEvent, ClockEvent, P, never, never, never, never, ClockEmitted>;
}

export type EffectName = keyof ReturnType<typeof clockEffects>;
export const EFFECT_NAMES = [
  'storePunch',
  'appendOperation',
  'saveSettings',
  'removeUser',
  'storeTemplate',
  'applyLan',
  'applyCloudCommand',
  'loadRecords',
  'moveUploadCursor',
] as const satisfies readonly EffectName[];
