// `osdp`: the clock as the OSDP control panel of one reader. It identifies the reader (ID, CAP, LSTAT),
// then POLLs; RAW card data and KEYPAD replies become taps and keys, and the clock's result (green or
// red, beep, message) goes back as LED, BUZ and TEXT. Sequence numbers, NAK, BUSY and an offline reader
// are handled here; the secure channel is not (a frame with a security block is dropped and logged).
import { Exchange } from './exchange.js';
import { boolOption, choiceOption, intOption, opt, optText } from './options.js';
import { OsdpCommand, OsdpDecoder, OsdpReply, encodeOsdp, type OsdpFrame } from './osdp-codec.js';
import {
  NAK_REASONS,
  OsdpColour,
  buzzerCommand,
  cardOfRaw,
  keysOfKeypad,
  ledCommand,
  parseLstatr,
  parsePdcap,
  parsePdid,
  textCommand,
} from './osdp-messages.js';
import { LatestSession, safely, type Driver, type DriverContext, type Link, type Session } from './types.js';

interface Outgoing {
  code: number;
  data: Buffer;
}

const POLL: Outgoing = { code: OsdpCommand.POLL, data: Buffer.alloc(0) };
const MAX_QUEUE = 16;

export class OsdpPanelSession implements Session {
  private readonly decoder: OsdpDecoder;
  private readonly exchange: Exchange<OsdpFrame>;
  private readonly address: number;
  private readonly crc: boolean;
  private readonly queue: Outgoing[] = [];
  /** 0 restarts the reader's sequence; then 1, 2, 3, 1, … */
  private sequence = 0;
  private identified = false;
  private misses = 0;
  private closed = false;
  online = false;

  constructor(
    private readonly ctx: DriverContext,
    private readonly link: Link,
  ) {
    this.address = opt(ctx.spec.options, 'address');
    this.crc = optText(ctx.spec.options, 'check') === 'crc';
    this.exchange = new Exchange(ctx.timers, opt(ctx.spec.options, 'timeout'));
    const check = this.crc ? 'crc' : 'checksum';
    this.decoder = new OsdpDecoder((p) => ctx.log.debug({ offset: p.offset }, p.message), check);
    this.loop();
  }

  data(bytes: Buffer): void {
    for (const frame of this.decoder.push(bytes)) {
      // RS-485 adapters echo what the panel sends: frames without the reply bit are ours.
      if (!frame.reply) continue;
      if (frame.address !== this.address && this.address !== 0x7f) continue;
      if (!this.exchange.answer(frame)) this.ctx.log.debug({ code: frame.code }, 'unsolicited reply');
    }
  }

  close(): void {
    this.closed = true;
    this.exchange.close();
  }

  /** Queues a command for the reader; dropped while it is offline, as nobody would see it. */
  enqueue(code: number, data: Buffer): void {
    if (!this.online || this.queue.length >= MAX_QUEUE) return;
    this.queue.push({ code, data });
  }

  private loop(): void {
    if (this.closed) return;
    void this.step().finally(() => {
      if (!this.closed) this.ctx.timers.set(() => this.loop(), opt(this.ctx.spec.options, 'poll'));
    });
  }

  private async step(): Promise<void> {
    if (!this.identified) return this.identify();
    const next = this.queue.shift() ?? POLL;
    const reply = await this.send(next);
    if (reply === 'retry' && next !== POLL) this.queue.unshift(next);
  }

  private async identify(): Promise<void> {
    const { log } = this.ctx;
    const id = await this.send({ code: OsdpCommand.ID, data: Buffer.of(0) });
    if (typeof id !== 'object') return;
    if (id.code === OsdpReply.PDID) log.info({ reader: parsePdid(id.data) }, 'reader identified');
    const cap = await this.send({ code: OsdpCommand.CAP, data: Buffer.of(0) });
    if (typeof cap === 'object' && cap.code === OsdpReply.PDCAP)
      log.info({ capabilities: parsePdcap(cap.data) }, 'reader capabilities');
    await this.send({ code: OsdpCommand.LSTAT, data: Buffer.alloc(0) });
    this.identified = true;
  }

  /** One command and its reply; 'retry' when it should be sent again (no answer, BUSY, some NAKs). */
  private async send(out: Outgoing): Promise<OsdpFrame | 'retry' | undefined> {
    if (this.closed) return undefined;
    const bytes = encodeOsdp({ address: this.address, reply: false, sequence: this.sequence, crc: this.crc, ...out });
    const reply = await this.exchange.request(() => this.link.write(bytes));
    if (this.closed) return undefined;
    if (reply === undefined) return this.missed();
    this.answered();
    if (reply.code === OsdpReply.BUSY) return 'retry';
    if (reply.code === OsdpReply.NAK) return this.nak(reply);
    this.sequence = this.sequence === 3 ? 1 : this.sequence + 1;
    this.handle(reply);
    return reply;
  }

  private missed(): 'retry' {
    // The same sequence number goes out again, as a reader that missed the command expects.
    if (++this.misses === opt(this.ctx.spec.options, 'offline')) {
      this.ctx.log.warn({ unanswered: this.misses }, this.online ? 'reader offline' : 'reader does not answer');
      this.online = false;
      this.identified = false;
      this.sequence = 0;
      this.queue.length = 0;
    }
    return 'retry';
  }

  private answered(): void {
    this.misses = 0;
    if (this.online) return;
    this.online = true;
    this.ctx.log.info({ address: this.address }, 'reader online');
  }

  private nak(reply: OsdpFrame): 'retry' | undefined {
    const reason = reply.data[0] ?? 0;
    this.ctx.log.warn({ reason, meaning: NAK_REASONS[reason] ?? 'unknown' }, 'reader refused a command (NAK)');
    if (reason === 4) {
      // The reader lost track of the sequence: start it again from 0.
      this.sequence = 0;
      return 'retry';
    }
    this.sequence = this.sequence === 3 ? 1 : this.sequence + 1;
    return reason === 1 ? 'retry' : undefined;
  }

  private handle(reply: OsdpFrame): void {
    const { clock, log } = this.ctx;
    if (reply.code === OsdpReply.RAW) {
      const card = cardOfRaw(reply.data);
      if (typeof card === 'string') return void log.warn(card);
      log.info(card, 'card read');
      safely(log, 'card tap', () => clock.tapCard(card.card));
    } else if (reply.code === OsdpReply.KEYPAD) {
      const { keys, unknown } = keysOfKeypad(reply.data);
      if (unknown.length > 0) log.warn({ unknown }, 'keypad characters without a key');
      for (const key of keys) safely(log, `key ${key}`, () => clock.press(key));
    } else if (reply.code === OsdpReply.LSTATR) {
      log.info({ status: parseLstatr(reply.data) }, 'reader status');
    } else if (reply.code !== OsdpReply.ACK && reply.code !== OsdpReply.PDID && reply.code !== OsdpReply.PDCAP) {
      log.debug({ code: reply.code }, 'reply not used');
    }
  }
}

export interface OsdpPanelApi {
  online(): boolean;
}

export const osdpPanelDriver: Driver<OsdpPanelApi> = {
  kind: 'osdp',
  describe: 'the clock as OSDP control panel of one reader (no secure channel)',
  defaultBaud: 9600,
  options: {
    address: intOption('reader address 0-126, or 127 to accept any (default 0)', 0, 0, 0x7f),
    check: choiceOption('crc (CRC-16) or checksum (default crc)', 'crc', ['crc', 'checksum']),
    poll: intOption('ms between polls (default 200)', 200, 10, 60_000),
    timeout: intOption('ms to wait for a reply (default 200)', 200, 10, 60_000),
    offline: intOption('unanswered commands after which the reader is offline (default 5)', 5, 1, 1000),
    text: boolOption('show the result message with TEXT (default on)', true),
    buzzer: boolOption('beep with BUZ (default on)', true),
  },
  create(ctx) {
    const latest = new LatestSession<OsdpPanelSession>();
    let shown = '';
    // The reader shows the clock's result: the frame is the one description of it (DESIGN rule 3).
    const unsubscribe = ctx.clock.on('frame.changed', ({ frame }) => {
      const result = frame.leds.green ? 'green' : frame.leds.red ? 'red' : '';
      const key = `${result}|${frame.lines[0] ?? ''}`;
      if (key === shown) return;
      shown = key;
      const current = latest.current;
      if (result === '' || current === undefined) return;
      current.enqueue(OsdpCommand.LED, ledCommand(result === 'green' ? OsdpColour.green : OsdpColour.red, 2000));
      if (ctx.spec.options.buzzer === true && frame.beep !== 'none') {
        current.enqueue(OsdpCommand.BUZ, buzzerCommand(frame.beep === 'ok' ? 1 : 3));
      }
      if (ctx.spec.options.text === true) current.enqueue(OsdpCommand.TEXT, textCommand(frame.lines[0] ?? '', 3));
    });
    return {
      api: { online: () => latest.current?.online ?? false },
      connect: (link: Link): Session => latest.open(new OsdpPanelSession(ctx, link)),
      stop: unsubscribe,
    };
  },
};
