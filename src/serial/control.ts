// `control`: the simulator's own protocol for test rigs, JSON Lines over a serial port, a pty, TCP or
// stdio. Each connection gets a hello line, answers to its requests (with their id) and the clock's
// events; events a request causes are written before its reply. See "Control protocol" in README.md.
import { formatTimestamp } from '../../firmware/index.js';
import type { Clock } from '../runtime/index.js';
import type { Logger } from '../log.js';
import {
  CONTROL_COMMANDS,
  CONTROL_EVENTS,
  CONTROL_PROTOCOL_VERSION,
  LineDecoder,
  encodeLine,
  frameMessage,
  parseControlLine,
  punchMessage,
  type ControlRequest,
  type RequestId,
} from './control-codec.js';
import { commonOptions } from './options.js';
import type { Driver, Link, Session } from './types.js';

type Payload = Record<string, unknown>;

export class ControlSession implements Session {
  private readonly decoder: LineDecoder;
  private readonly unsubscribe: (() => void)[] = [];
  private last: { icons: string; leds: string; beep: string };

  constructor(
    private readonly clock: Clock,
    private readonly link: Link,
    private readonly log: Logger,
    private readonly cloudSwitch: (up: boolean) => void = (up) => clock.setCloud(up),
  ) {
    this.decoder = new LineDecoder((p) =>
      this.reply(null, { ok: false, error: { field: 'line', message: p.message } }),
    );
    const frame = clock.frame();
    this.last = { icons: JSON.stringify(frame.icons), leds: JSON.stringify(frame.leds), beep: frame.beep };
    this.send({ type: 'hello', ...this.hello() });
    this.unsubscribe.push(
      clock.on('frame.changed', ({ frame: f, text }) => {
        this.event('screen.changed', { frame: frameMessage(f, text) });
        const icons = JSON.stringify(f.icons);
        const leds = JSON.stringify(f.leds);
        if (icons !== this.last.icons) this.event('icons.changed', { icons: f.icons });
        if (leds !== this.last.leds) this.event('leds.changed', { leds: f.leds });
        if (f.beep !== this.last.beep && f.beep !== 'none') this.event('beeper', { beep: f.beep });
        this.last = { icons, leds, beep: f.beep };
      }),
      clock.on('punch.recorded', ({ punch }) => this.event('punch.recorded', { punch: punchMessage(punch) })),
    );
  }

  data(bytes: Buffer): void {
    for (const line of this.decoder.push(bytes)) {
      const parsed = parseControlLine(line);
      if ('error' in parsed) {
        this.log.debug({ field: parsed.error.field }, 'bad control request');
        this.reply(parsed.id, {
          ...(parsed.cmd === undefined ? {} : { cmd: parsed.cmd }),
          ok: false,
          error: parsed.error,
        });
        continue;
      }
      let result: Payload;
      try {
        result = this.run(parsed.request);
      } catch (error) {
        // The clock refused the input (a closed clock, real time for advance): a reply, not a crash.
        result = { ok: false, error: { field: 'cmd', message: (error as Error).message } };
      }
      this.reply(parsed.id, { cmd: parsed.request.cmd, ...result });
    }
  }

  close(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }

  private run(request: ControlRequest): Payload {
    const clock = this.clock;
    switch (request.cmd) {
      case 'hello':
        if (request.protocol !== undefined && request.protocol !== CONTROL_PROTOCOL_VERSION) {
          const message = `this simulator speaks protocol ${CONTROL_PROTOCOL_VERSION}, not ${request.protocol}`;
          return { ok: false, error: { field: 'protocol', message } };
        }
        return { ok: true, ...this.hello() };
      case 'keys':
        for (const key of request.keys) clock.press(key);
        return { ok: true };
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
        this.cloudSwitch(request.up);
        return { ok: true };
      case 'advance':
        if (clock.source.kind !== 'virtual') {
          return { ok: false, error: { field: 'cmd', message: 'advance needs a clock in virtual time' } };
        }
        clock.advance(request.ms);
        return { ok: true, now: clock.now(), nowText: formatTimestamp(clock.now()) };
      case 'screen':
        return { ok: true, frame: frameMessage(clock.frame(), clock.screenText()) };
      case 'punches': {
        const punches = clock.ports.punches.after(request.after, request.limit);
        return { ok: true, punches: punches.map(punchMessage) };
      }
    }
  }

  private hello(): Payload {
    return {
      protocol: CONTROL_PROTOCOL_VERSION,
      product: 'timeclock-sim',
      model: this.clock.model.model,
      serialNumber: this.clock.serialNumber,
      time: this.clock.source.kind,
      commands: CONTROL_COMMANDS,
      events: CONTROL_EVENTS,
    };
  }

  private reply(id: RequestId, payload: Payload): void {
    this.send({ type: 'reply', id, ...payload });
  }

  private event(event: string, payload: Payload): void {
    this.send({ type: 'event', event, ...payload });
  }

  private send(message: Payload): void {
    this.link.write(encodeLine(message));
  }
}

export const controlDriver: Driver = {
  kind: 'control',
  describe: "the simulator's control protocol (JSON Lines) for test rigs: serial, pty, tcp:[HOST:]PORT or stdio",
  defaultBaud: 115200,
  options: commonOptions(115200),
  create({ clock, log, cloudSwitch }) {
    return {
      api: {},
      connect: (link: Link) => new ControlSession(clock, link, log.child({ client: link.label }), cloudSwitch),
    };
  },
};
