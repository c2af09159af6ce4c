// `zfm`: the clock as host of a real R307/R503-style fingerprint module. It polls GenImg; a finger is
// turned into a template (Img2Tz) and searched in the module's library (Search), and the page found is
// mapped to a user and finger (ZfmPageMap) and placed on the clock. Enrollment runs on the module
// (two images, RegModel, Store) and records the page.
import { fingerKeyOfTemplate, simulatedTemplate, type Finger } from '../../firmware/index.js';
import { hex } from './bytes.js';
import { Exchange, sleep } from './exchange.js';
import { intOption, opt, optText, textOption, zfmModuleOptions } from './options.js';
import { LatestSession, safely, type Driver, type DriverContext, type Link, type Session } from './types.js';
import { ZfmCode, ZfmDecoder, ZfmPid, pagesOfIndexTable, parseSystemParameters, zfm } from './zfm-codec.js';
import { ZfmPageMap } from './zfm-pages.js';

export type ZfmEnrollResult = { ok: true; page: number } | { ok: false; reason: string };

export interface ZfmHostApi {
  /** Enrolls a user's finger on the module: two placements of the same finger, then Store. */
  enroll(pin: string, fid: number): Promise<ZfmEnrollResult>;
  readonly pages: ZfmPageMap;
  /** The module answers. */
  online(): boolean;
}

/** What the clock is shown for a finger the module does not know: nobody's finger. */
const UNKNOWN_FINGER: Finger = { person: 'zfmunknown', fid: 0 };

interface Ack {
  code: number;
  data: Buffer;
}

class ZfmHostSession implements Session {
  private readonly decoder: ZfmDecoder;
  private readonly exchange: Exchange<Ack>;
  private readonly address: number;
  private capacity: number;
  private closed = false;
  private fingerDown = false;
  private enrolling = false;
  online = false;
  private silent = 0;

  constructor(
    private readonly ctx: DriverContext,
    private readonly link: Link,
    private readonly pages: ZfmPageMap,
  ) {
    const { options } = ctx.spec;
    this.address = opt(options, 'address');
    this.capacity = opt(options, 'capacity');
    this.exchange = new Exchange(ctx.timers, opt(options, 'timeout'));
    this.decoder = new ZfmDecoder((p) => ctx.log.debug({ offset: p.offset }, p.message));
    void this.begin();
  }

  data(bytes: Buffer): void {
    for (const packet of this.decoder.push(bytes)) {
      const fromUs = packet.address === this.address || this.address === 0xffffffff;
      if (packet.pid !== ZfmPid.ack || !fromUs || packet.payload.length < 1) continue;
      const ack = { code: packet.payload[0]!, data: packet.payload.subarray(1) };
      if (!this.exchange.answer(ack)) this.ctx.log.debug({ code: ack.code }, 'unsolicited acknowledgement');
    }
  }

  close(): void {
    this.closed = true;
    this.exchange.close();
  }

  async enroll(pin: string, fid: number): Promise<ZfmEnrollResult> {
    const { clock, log } = this.ctx;
    if (clock.records.users.findByPin(pin) === undefined) return { ok: false, reason: `no user with PIN ${pin}` };
    if (this.enrolling) return { ok: false, reason: 'an enrollment is already running' };
    this.enrolling = true;
    try {
      const result = await this.enrollSteps(pin, fid);
      log.info({ pin, fid, ...result }, 'module enrollment');
      return result;
    } finally {
      this.enrolling = false;
      this.fingerDown = true;
    }
  }

  private async enrollSteps(pin: string, fid: number): Promise<ZfmEnrollResult> {
    for (const buffer of [1, 2] as const) {
      if (buffer === 2 && !(await this.waitFor(ZfmCode.noFinger))) return { ok: false, reason: 'finger not lifted' };
      if (!(await this.waitFor(ZfmCode.ok))) return { ok: false, reason: 'no finger placed' };
      const tz = await this.send(zfm.img2Tz(buffer, this.address));
      if (tz?.code !== ZfmCode.ok) return { ok: false, reason: `image ${buffer} not usable (${codeText(tz)})` };
    }
    const merged = await this.send(zfm.regModel(this.address));
    if (merged?.code !== ZfmCode.ok) return { ok: false, reason: `the two images do not match (${codeText(merged)})` };
    // A finger already in the library keeps its page; it must not become a second user's.
    const found = await this.send(zfm.search(1, 0, this.capacity, this.address));
    const known = found?.code === ZfmCode.ok && found.data.length >= 2 ? found.data.readUInt16BE(0) : undefined;
    const owner = known === undefined ? undefined : this.pages.get(known);
    if (owner !== undefined && (owner.pin !== pin || owner.fid !== fid)) {
      return { ok: false, reason: `finger already enrolled for PIN ${owner.pin} (page ${known})` };
    }
    const page = known ?? this.pages.pageOf(pin, fid) ?? (await this.freePage());
    if (page === undefined) return { ok: false, reason: `the module library (${this.capacity} pages) is full` };
    if (known === undefined) {
      const stored = await this.send(zfm.store(1, page, this.address));
      if (stored?.code !== ZfmCode.ok) return { ok: false, reason: `Store failed (${codeText(stored)})` };
    }
    this.pages.set(page, { pin, fid });
    // The firmware identifies by the templates in its own table, so the user gets one naming this finger.
    const { clock } = this.ctx;
    if (clock.records.templates.find(pin, fid) === undefined) {
      clock.load({ templates: [{ pin, fid, valid: true, template: simulatedTemplate({ person: pin, fid }) }] });
    }
    return { ok: true, page };
  }

  /** The lowest page free both in the map and on the module (ReadIndexTable, when it answers). */
  private async freePage(): Promise<number | undefined> {
    const used = new Set<number>();
    for (let table = 0; table * 256 < this.capacity; table++) {
      const index = await this.send(zfm.readIndexTable(table, this.address));
      if (index?.code !== ZfmCode.ok) break;
      for (const page of pagesOfIndexTable(table, index.data)) used.add(page);
    }
    for (let page = 0; page < this.capacity; page++)
      if (!used.has(page) && this.pages.get(page) === undefined) return page;
    return undefined;
  }

  /** Polls GenImg until it answers `code` (a finger, or no finger) or the enrollment times out. */
  private async waitFor(code: number): Promise<boolean> {
    const { timers, spec } = this.ctx;
    const deadline = timers.now() + opt(spec.options, 'enroll');
    while (!this.closed && timers.now() < deadline) {
      const img = await this.send(zfm.genImg(this.address));
      if (img?.code === code) return true;
      await sleep(timers, opt(spec.options, 'poll'));
    }
    return false;
  }

  private async begin(): Promise<void> {
    const { log, spec } = this.ctx;
    const verified = await this.send(zfm.vfyPwd(opt(spec.options, 'password'), this.address));
    if (verified?.code === ZfmCode.wrongPassword) log.error('the module refuses the password (password=)');
    const params = await this.send(zfm.readSysPara(this.address));
    const parsed = params?.code === ZfmCode.ok ? parseSystemParameters(params.data) : undefined;
    if (parsed !== undefined && parsed.librarySize > 0) this.capacity = Math.min(this.capacity, parsed.librarySize);
    log.info({ capacity: this.capacity, securityLevel: parsed?.securityLevel }, 'module ready');
    this.loop();
  }

  private loop(): void {
    if (this.closed) return;
    void this.pollOnce().finally(() => {
      if (!this.closed) this.ctx.timers.set(() => this.loop(), opt(this.ctx.spec.options, 'poll'));
    });
  }

  private async pollOnce(): Promise<void> {
    if (this.enrolling) return;
    const img = await this.send(zfm.genImg(this.address));
    if (img === undefined || this.enrolling) return;
    if (img.code === ZfmCode.noFinger) this.fingerDown = false;
    else if (img.code === ZfmCode.ok && !this.fingerDown) {
      this.fingerDown = true;
      await this.identify();
    }
  }

  private async identify(): Promise<void> {
    const { clock, log } = this.ctx;
    const tz = await this.send(zfm.img2Tz(1, this.address));
    if (tz === undefined) return;
    if (tz.code === ZfmCode.imageMessy || tz.code === ZfmCode.featureFailed) {
      log.info({ code: tz.code }, 'poor finger image');
      return safely(log, 'finger', () => clock.placeFinger(UNKNOWN_FINGER, 'poor'));
    }
    if (tz.code !== ZfmCode.ok) return void log.warn({ code: tz.code }, 'Img2Tz failed');
    const found = await this.send(zfm.search(1, 0, this.capacity, this.address));
    if (found === undefined) return;
    const page = found.code === ZfmCode.ok && found.data.length >= 4 ? found.data.readUInt16BE(0) : undefined;
    const entry = page === undefined ? undefined : this.pages.get(page);
    if (page !== undefined && entry === undefined) log.warn({ page }, 'module page not mapped to a user');
    log.info({ page, score: found.data.length >= 4 ? found.data.readUInt16BE(2) : undefined }, 'finger searched');
    const finger = entry === undefined ? UNKNOWN_FINGER : this.fingerOf(entry.pin, entry.fid);
    safely(log, 'finger', () => clock.placeFinger(finger, 'good'));
  }

  /** The physical finger the clock's template for (pin, fid) was taken from. */
  private fingerOf(pin: string, fid: number): Finger {
    const template = this.ctx.clock.records.templates.find(pin, fid);
    const key = template === undefined ? undefined : fingerKeyOfTemplate(template.template);
    const [person, f] = key?.split('/') ?? [];
    return person !== undefined && f !== undefined ? { person, fid: Number(f) } : { person: pin, fid };
  }

  private async send(command: Buffer): Promise<Ack | undefined> {
    if (this.closed) return undefined;
    const ack = await this.exchange.request(() => this.link.write(command));
    if (ack === undefined && !this.closed) {
      if (++this.silent === 3 || (this.online && this.silent === 1)) {
        this.ctx.log.warn({ command: hex(command.subarray(9, 10)) }, 'module does not answer');
        this.online = false;
      }
    } else if (ack !== undefined) {
      if (!this.online) this.ctx.log.info('module answers');
      this.online = true;
      this.silent = 0;
    }
    return ack;
  }
}

function codeText(ack: Ack | undefined): string {
  return ack === undefined ? 'no answer' : `code 0x${ack.code.toString(16).padStart(2, '0')}`;
}

export const zfmHostDriver: Driver<ZfmHostApi> = {
  kind: 'zfm',
  describe: 'the clock as host of an R307/R503-style fingerprint module: identification and enrollment',
  defaultBaud: 57600,
  options: {
    ...zfmModuleOptions(),
    capacity: intOption('library pages used at most; the module may report fewer (default 1000)', 1000, 1, 65535),
    poll: intOption('ms between GenImg polls (default 300)', 300, 10, 60_000),
    timeout: intOption('ms to wait for an acknowledgement (default 2000)', 2000, 10, 60_000),
    enroll: intOption('ms an enrollment waits for each placement or lift (default 15000)', 15_000, 100, 600_000),
    map: textOption('page map JSON file (default zfm-pages.json in the data directory, else memory)'),
  },
  create(ctx) {
    const pages = new ZfmPageMap(ZfmPageMap.fileFor(optText(ctx.spec.options, 'map'), ctx.dataDir));
    const latest = new LatestSession<ZfmHostSession>();
    return {
      api: {
        pages,
        online: () => latest.current?.online ?? false,
        enroll: (pin, fid) =>
          latest.current === undefined
            ? Promise.resolve({ ok: false, reason: 'the module is not connected' })
            : latest.current.enroll(pin, fid),
      },
      connect: (link) => latest.open(new ZfmHostSession(ctx, link, pages)),
    };
  },
};
