// Identification as the screen flow runs it: a credential starts a session, further factors complete
// it, and the outcome is a punch, a menu login, or a message. Reads the ports; writes only punches.
import type { StoreFault } from './store-faults.js';
import type { DeviceModel } from './device.js';
import { fingerKey, fingerKeyOfTemplate, type Finger } from './fingers.js';
import type { ClockPorts } from './ports.js';
import { defaultPunchState, isDuplicatePunch, isSameSecondPunch, type Punch, type PunchState } from './punches.js';
import type { ClockSettings } from './settings.js';
import type { LocalTime } from './time.js';
import type { User } from './users.js';
import { effectiveVerifyMode, recordedVerifyType, verifyStep, type Factor } from './verify.js';

/** A credential as it reaches the clock. */
export type Credential =
  | { factor: 'id'; pin: string }
  | { factor: 'password'; password: string }
  | { factor: 'finger'; finger: Finger; quality: 'good' | 'poor' }
  | { factor: 'card'; card: string };

/** An identification in progress: who, what was presented, what may come next. */
export interface VerifySession {
  pin: string;
  presented: Factor[];
  needs: Factor[];
  /** Failed attempts at the current factor. */
  attempts: number;
}

/** What the clock shows after an identification attempt or a punch. */
export type Outcome =
  | { kind: 'thanks'; name: string; pin: string; state: PunchState; time: LocalTime }
  | { kind: 'already-punched'; name: string }
  | { kind: 'unknown-user' }
  | { kind: 'unknown-card' }
  | { kind: 'verify-failed'; reason: 'no-match' | 'poor-image' | 'wrong-password' | 'wrong-card' | 'wrong-id' }
  | { kind: 'mode-refused'; allowed: Factor[] }
  | { kind: 'mode-unsupported' }
  | { kind: 'locked'; until: LocalTime }
  | { kind: 'log-full' }
  /** The store refused the punch's write: nothing was recorded. */
  | { kind: 'not-stored'; fault: StoreFault }
  | { kind: 'access-denied' }
  | { kind: 'message'; title: string; detail: string; good: boolean };

export type Verdict =
  | { kind: 'identified'; user: User; presented: Factor[] }
  | { kind: 'continue'; session: VerifySession }
  /** A failed try at a further factor that may be tried again. */
  | { kind: 'retry'; session: VerifySession; outcome: Outcome }
  | { kind: 'failed'; outcome: Outcome };

export interface IdentifyContext {
  ports: ClockPorts;
  model: DeviceModel;
  settings: ClockSettings;
}

/** How many tries a further factor (password, finger) gets before the attempt fails. */
export const FACTOR_TRIES = 3;

/** Starts an identification from the first credential presented. */
export function identify(ctx: IdentifyContext, credential: Credential): Verdict {
  const found = findUser(ctx.ports, credential);
  if ('outcome' in found) return { kind: 'failed', outcome: found.outcome };
  return advance(ctx, found.user, [credential.factor], 0);
}

/** Checks a further credential against the session's user. */
export function continueIdentify(ctx: IdentifyContext, session: VerifySession, credential: Credential): Verdict {
  const user = ctx.ports.users.findByPin(session.pin);
  if (user === undefined) return { kind: 'failed', outcome: { kind: 'unknown-user' } };
  const failure = checkFactor(ctx.ports, user, credential);
  if (failure !== undefined) {
    const attempts = session.attempts + 1;
    if (attempts >= FACTOR_TRIES) return { kind: 'failed', outcome: failure };
    return { kind: 'retry', session: { ...session, attempts }, outcome: failure };
  }
  return advance(ctx, user, [...session.presented, credential.factor], 0);
}

function advance(ctx: IdentifyContext, user: User, presented: Factor[], attempts: number): Verdict {
  const mode = effectiveVerifyMode(user, ctx.settings.defaultVerifyMode);
  const step = verifyStep(mode, ctx.model, presented);
  switch (step.kind) {
    case 'identified':
      return { kind: 'identified', user, presented };
    case 'needs':
      return { kind: 'continue', session: { pin: user.pin, presented, needs: step.factors, attempts } };
    case 'refused':
      // The support article: a typed badge number of a secure user is answered "Unknown User".
      return presented.length === 1 && presented[0] === 'id'
        ? { kind: 'failed', outcome: { kind: 'unknown-user' } }
        : { kind: 'failed', outcome: { kind: 'mode-refused', allowed: step.allowed } };
    case 'unsupported':
      return { kind: 'failed', outcome: { kind: 'mode-unsupported' } };
  }
}

function findUser(ports: ClockPorts, credential: Credential): { user: User } | { outcome: Outcome } {
  switch (credential.factor) {
    case 'id': {
      const user = ports.users.findByPin(credential.pin);
      return user ? { user } : { outcome: { kind: 'unknown-user' } };
    }
    case 'card': {
      const user = ports.users.findByCard(credential.card);
      return user ? { user } : { outcome: { kind: 'unknown-card' } };
    }
    case 'finger': {
      if (credential.quality === 'poor') return { outcome: { kind: 'verify-failed', reason: 'poor-image' } };
      const template = ports.templates.findByFinger(fingerKey(credential.finger));
      const user = template && ports.users.findByPin(template.pin);
      return user ? { user } : { outcome: { kind: 'verify-failed', reason: 'no-match' } };
    }
    case 'password':
      // A password alone names nobody: it always follows a typed ID.
      return { outcome: { kind: 'unknown-user' } };
  }
}

/** undefined when the credential belongs to the user; else the failure to show. */
function checkFactor(ports: ClockPorts, user: User, credential: Credential): Outcome | undefined {
  switch (credential.factor) {
    case 'id':
      return credential.pin === user.pin ? undefined : { kind: 'verify-failed', reason: 'wrong-id' };
    case 'password':
      return user.password !== '' && credential.password === user.password
        ? undefined
        : { kind: 'verify-failed', reason: 'wrong-password' };
    case 'card':
      return user.card !== '' && credential.card === user.card
        ? undefined
        : { kind: 'verify-failed', reason: 'wrong-card' };
    case 'finger': {
      if (credential.quality === 'poor') return { kind: 'verify-failed', reason: 'poor-image' };
      const key = fingerKey(credential.finger);
      const match = ports.templates.listFor(user.pin).some((t) => t.valid && fingerKeyOfTemplate(t.template) === key);
      return match ? undefined : { kind: 'verify-failed', reason: 'no-match' };
    }
  }
}

export interface PunchRequest {
  user: User;
  presented: Factor[];
  chosenState: PunchState | null;
  now: LocalTime;
}

/**
 * The punch this identification records (the next seq included), or why there is none. Only reads the
 * store: the machine's `storePunch` action writes the record before the thanks is shown.
 */
export function decidePunch(ctx: IdentifyContext, request: PunchRequest): { outcome: Outcome; punch?: Punch } {
  const { user, now } = request;
  const last = ctx.ports.punches.lastFor(user.pin);
  const sameSecond = isSameSecondPunch(last, now, (pin, from, to) => ctx.ports.punches.punchedBetween(pin, from, to));
  if (sameSecond || isDuplicatePunch(last, now, ctx.settings.duplicateWindowSeconds)) {
    return { outcome: { kind: 'already-punched', name: displayName(user) } };
  }
  if (ctx.ports.punches.count() >= ctx.model.capacity.punches) return { outcome: { kind: 'log-full' } };
  const state = request.chosenState ?? defaultPunchState(ctx.settings.punchStateRule, now, last);
  const punch: Punch = {
    pin: user.pin,
    time: now,
    state,
    verify: recordedVerifyType(request.presented),
    workCode: 0,
    seq: ctx.ports.punches.nextSeq(),
  };
  return { outcome: { kind: 'thanks', name: displayName(user), pin: user.pin, state, time: now }, punch };
}

export function displayName(user: User): string {
  return user.name.trim() === '' ? `User ${user.pin}` : user.name;
}
