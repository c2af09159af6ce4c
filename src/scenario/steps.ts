// Running one step: an action becomes inputs to the world (each one journaled), an expectation is
// checked. A step that does not hold returns what failed; the runner turns it into a StepFailure.
import type { Key } from '../../firmware/index.js';
import { formatDuration } from './duration.js';
import { check, type CheckContext, type Mismatch } from './expect.js';
import { walkMenu } from './menu-nav.js';
import { between } from './random.js';
import type { LanAsk, Step } from './types.js';
import type { World } from './world.js';
import { codedError } from '../errors.js';

export type StepProblem = { error: string; mismatches: Mismatch[] };

export async function runStep(world: World, step: Step, context: CheckContext): Promise<StepProblem | undefined> {
  const { action, on } = step;
  try {
    switch (action.kind) {
      case 'keys':
        for (const digit of action.digits) await world.act(on, { press: digit as Key });
        return undefined;
      case 'press':
        for (const key of action.keys) await world.act(on, { press: key });
        return undefined;
      case 'finger':
        return void (await world.act(on, { finger: action.finger, quality: action.quality }));
      case 'card':
        return void (await world.act(on, { card: action.card }));
      case 'network':
        return void (await world.act(on, { network: action.up ? 'up' : 'down' }));
      case 'cloud': {
        const state = action.state;
        if (typeof state === 'string') return void (await world.act(on, { cloud: state }));
        return void (await world.act(on, { fault: state.fault, count: state.count }));
      }
      case 'advance': {
        const ms = action.maxMs === undefined ? action.ms : between(world.random, action.ms, action.maxMs);
        return void (await world.act(on, { advance: ms }));
      }
      case 'wait':
        return await wait(world, step, action.until, action.timeoutMs, context);
      case 'restart':
        return void (await world.act(on, { restart: true }));
      case 'expect': {
        const mismatches = check(action.expectation, context);
        return mismatches.length === 0 ? undefined : { error: '', mismatches };
      }
      case 'sync':
        return void (await world.act(on, { sync: 'idle', timeoutMs: action.timeoutMs }));
      case 'portal':
        return void (await world.act(on, { portal: action.op }));
      case 'menu':
        return void (await walkMenu(world, on, action.path, action.login));
      case 'lan':
        return void (await askLan(world, on, action.ask));
      case 'disk':
        return void (await world.act(on, { disk: action.state }));
    }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error), mismatches: [] };
  }
}

/**
 * A LAN request enters the firmware as the LAN session sends it (the same events, the same checks), and
 * the step fails where an SDK client would get ACK_ERROR.
 */
async function askLan(world: World, on: string, ask: LanAsk): Promise<void> {
  const clock = world.clock(on);
  if (ask.kind === 'enroll') {
    if (clock.records.users.findByPin(ask.badge) === undefined)
      throw codedError(
        'TC_ERR_SCENARIO_STEP',
        `lan: the clock has no user ${ask.badge} to enroll (an SDK client would get ACK_ERROR)`,
      );
    return world.act(on, { input: { type: 'enroll.requested', pin: ask.badge, fid: ask.fid } });
  }
  const id = world.nextLanId();
  let answer: { ok: boolean; problem?: string } | undefined;
  const off = clock.on('lan.answered', (fact) => {
    if (fact.id === id) answer = fact;
  });
  try {
    await world.act(on, { input: { type: 'lan.request', id, request: { kind: ask.kind } } });
  } finally {
    off();
  }
  if (answer?.ok !== true)
    throw codedError(
      'TC_ERR_SCENARIO_STEP',
      `lan: ${ask.kind} refused: ${answer?.problem ?? 'the firmware did not answer'}`,
    );
}

/** Lets virtual time run, instant by instant, until the expectation holds or the timeout passes. */
async function wait(
  world: World,
  step: Step,
  until: Parameters<typeof check>[0],
  timeoutMs: number,
  context: CheckContext,
): Promise<StepProblem | undefined> {
  const start = world.elapsed();
  const holds = () => check(until, context).length === 0;
  // SDK clients come and go in real time: waiting for them lets no virtual time pass.
  const held = until.lan ? await world.realTimeUntil(holds, timeoutMs) : await world.advanceUntil(holds, timeoutMs);
  // Replay needs only the time that passed, not the condition.
  world.recorded(step.on, { advance: world.elapsed() - start }, start);
  if (held) return undefined;
  return { error: `still not true after waiting ${formatDuration(timeoutMs)}`, mismatches: check(until, context) };
}
