// The doors into the clock from outside, answered: what an effect did with a LAN request, a PUSH command
// or a set-up load is told here (the facts, the settings in force, the answer the host waits for).
import { enqueueClockActions } from './clock.effects.js';

export const doorActions = {
  /** What `applyLan` did, told: the settings in force, the OPLOG records, and the client's answer. */
  answerLan: enqueueClockActions(({ context, event, enqueue }) => {
    if (event.type !== 'lan.applied') return;
    const { request, result } = event;
    if (result.settings) {
      enqueue.assign({ settings: result.settings, now: request.kind === 'set-time' ? request.time : context.now });
      enqueue.emit({ type: 'settings.saved', settings: result.settings });
    }
    for (const operation of result.records) enqueue.emit({ type: 'operation.recorded', operation });
    if (request.kind === 'unlock') enqueue.emit({ type: 'door.unlocked', seconds: request.seconds });
    if (request.kind === 'test-voice') enqueue.emit({ type: 'voice.played', index: request.index });
    const answer = { type: 'lan.answered' as const, id: event.id, ok: result.ok };
    enqueue.emit(result.problem === undefined ? answer : { ...answer, problem: result.problem });
  }),
  /**
   * What `applyCloudCommand` did, told: settings a SET OPTION changed (saved with the command) are in
   * force for the next command, then the Return code and reply go back to the cloud link.
   */
  answerCommand: enqueueClockActions(({ event, enqueue }) => {
    if (event.type !== 'command.applied') return;
    const { line, outcome, replayed, answered } = event;
    for (const effect of outcome.effects) {
      if (effect.kind !== 'settings-changed') continue;
      enqueue.assign({ settings: effect.settings });
      enqueue.emit({ type: 'settings.saved', settings: effect.settings });
    }
    enqueue.emit({ type: 'command.answered', id: line.id, outcome, replayed, answered });
  }),
  answerLoad: enqueueClockActions(({ event, enqueue }) => {
    if (event.type !== 'records.stored') return;
    const { counts } = event;
    enqueue.emit({
      type: 'records.loaded',
      ok: counts !== null,
      counts: counts ?? { users: 0, templates: 0, punches: 0 },
    });
  }),
};
