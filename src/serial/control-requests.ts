// The control requests answered in one go (everything but auth, keys and a virtual-time advance, which
// control.ts runs over turns), and the hello a client is greeted with: plain functions of the clock.
import type { Clock } from '../runtime/index.js';
import {
  CONTROL_COMMANDS,
  CONTROL_EVENTS,
  CONTROL_PROTOCOL_VERSION,
  MAX_KEYS_PER_REQUEST,
  MAX_LINE_BYTES,
  frameMessage,
  punchMessage,
  type ControlRequest,
} from './control-codec.js';

export type Payload = Record<string, unknown>;

/** The requests done in one go; `keys` and (in virtual time) `advance` run as jobs over turns. */
export function runRequest(
  clock: Clock,
  request: Exclude<ControlRequest, { cmd: 'auth' | 'keys' }>,
  cloudSwitch: (up: boolean) => void,
): Payload {
  switch (request.cmd) {
    case 'hello':
      if (request.protocol !== undefined && request.protocol !== CONTROL_PROTOCOL_VERSION) {
        const message = `this simulator speaks protocol ${CONTROL_PROTOCOL_VERSION}, not ${request.protocol}`;
        return { ok: false, error: { field: 'protocol', message } };
      }
      return { ok: true, ...helloPayload(clock) };
    case 'press':
      clock.press(request.key);
      return { ok: true };
    case 'finger':
      clock.placeFinger(request.finger, request.quality);
      return { ok: true };
    case 'card':
      clock.tapCard(request.card);
      return { ok: true };
    case 'network':
      clock.setLink(request.up);
      return { ok: true };
    case 'cloud':
      cloudSwitch(request.up);
      return { ok: true };
    case 'advance':
      // In virtual time an advance is a job over several turns (see handle); here only the refusal.
      return { ok: false, error: { field: 'cmd', message: 'advance needs a clock in virtual time' } };
    case 'screen':
      return { ok: true, frame: frameMessage(clock.frame(), clock.screenText()) };
    case 'punches': {
      const punches = clock.records.punches.after(request.after, request.limit);
      return { ok: true, punches: punches.map(punchMessage) };
    }
  }
}

/** What a client learns first: who answers, and what it may ask of it. */
export function helloPayload(clock: Clock): Payload {
  return {
    protocol: CONTROL_PROTOCOL_VERSION,
    product: 'timeclock-sim',
    model: clock.model.model,
    serialNumber: clock.serialNumber,
    time: clock.source.kind,
    commands: CONTROL_COMMANDS,
    events: CONTROL_EVENTS,
    limits: { lineBytes: MAX_LINE_BYTES, keysPerRequest: MAX_KEYS_PER_REQUEST },
  };
}
