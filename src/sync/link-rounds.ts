// What one round of the cloud link does, in the protocol's order: handshake when needed, upload what is
// pending, poll getrequest, run the commands through the firmware, post the replies, then do what the
// commands asked of the host. The scheduling around it (when, how often, online or not) is link.ts.
import type { CommandEffect } from '../../firmware/index.js';
import type { Clock } from '../runtime/index.js';
import { defaultPushOptions } from '../protocol/index.js';
import type { Logger } from '../log.js';
import { applyStamps, deviceOptions, keepKey, setTime, warnOddHandshake } from './link-clock.js';
import { transferFlags, withSetOptions } from './link-options.js';
import { CloudFailure, type PushClient } from './push-client.js';
import { runCommands, type CommandHost } from './run-commands.js';
import { PollExchange } from './poll-exchange.js';
import type { SyncEmitter } from './sync-events.js';
import { LogUploader } from './log-uploader.js';
import { nextAttlogBatch, nextOperlogBatch, queryUploads, type UploadBatch } from './uploads.js';

export interface RoundHost {
  clock: Clock;
  /** Where the link talks to, as the clock's Settings > Cloud server shows it. */
  server: string;
  client: PushClient;
  log: Logger;
  events: SyncEmitter;
  batchSize: number;
  /** Every exchange goes through it: it refuses to send once the link is stopped or down. */
  request<T>(exchange: () => Promise<T>): Promise<T>;
  /** The link's options changed: the transfer schedule follows them. */
  optionsChanged(): void;
}

export class LinkRounds {
  options = defaultPushOptions();
  /** What the next round must do; whatever is not done stays wanted for the round after. */
  readonly wants = { handshake: true, poll: true, upload: false };
  /** Answers to DATA QUERY waiting to be posted. */
  readonly queries: UploadBatch[] = [];
  /** Posts the batches and moves the cursors; counts what went up. */
  private readonly uploader: LogUploader;
  commandsAnswered = 0;
  /** Whether the server's TransFlag lets punches upload; undefined until a handshake answered. */
  attendanceUpload: boolean | undefined;
  /** Whether a poll happened since link.ts last cleared this: only a poll restarts the Delay. */
  polled = false;
  /**
   * The logs may hold records a realtime round has not looked for: set by each record the clock tells of,
   * a handshake, a TransFlag change. Most polls find nothing new, and a fleet's thousand stores are cold.
   */
  private unsent = true;
  private deferred: CommandEffect[] = [];

  /** Whether this link told the server what the clock is (once per link: a real clock does it after it boots). */
  private optionsPushed = false;

  private readonly poll: PollExchange;
  /** Made once, not at every poll. */
  private readonly commandHost: CommandHost;

  constructor(private readonly host: RoundHost) {
    this.uploader = new LogUploader(host);
    this.poll = new PollExchange(host.clock, host.client);
    this.commandHost = {
      execute: (line) => host.clock.command(line),
      options: () => this.options,
      onEffects: (effects) => this.applyEffects(effects),
      log: host.log,
    };
  }

  /** Records uploaded since the link started, per table. */
  get uploaded(): { ATTLOG: number; OPERLOG: number; BIODATA: number } {
    return this.uploader.uploaded;
  }

  /** The clock recorded something (a punch, an operation, a load): the next realtime round looks for it. */
  recordsAdded(): void {
    this.unsent = true;
  }

  /** One round; returns how many commands the poll carried. Throws CloudFailure when the server fails. */
  async run(): Promise<number> {
    if (this.wants.handshake) await this.handshake();
    // Most rounds have nothing to upload: no promise made and awaited for it, twice a poll.
    let uploads = this.uploadAll();
    if (uploads !== undefined) await uploads;
    const answered = this.wants.poll ? await this.pollOnce() : 0;
    uploads = this.uploadAll();
    if (uploads !== undefined) await uploads;
    this.runDeferred();
    return answered;
  }

  private async handshake(): Promise<void> {
    // Cleared before the request: whatever asks for another one meanwhile is not lost with this one.
    this.wants.handshake = false;
    const answer = await this.host.request(() => this.host.client.handshake());
    this.poll.reset();
    // New options, stamps, a rebooted clock: whatever is beyond the cursors is looked for again.
    this.unsent = true;
    const { clock, log } = this.host;
    warnOddHandshake(log, this.host.server, answer);
    this.options = answer.options;
    this.host.log.info(
      { delay: answer.options.delay, realtime: answer.options.realtime, flags: [...answer.options.transFlags] },
      'handshake: options applied',
    );
    this.noteTransFlag('handshake');
    if (applyStamps(clock, log, answer)) this.wants.upload = true;
    keepKey(clock, log, answer);
    setTime(clock, log, answer);
    this.host.optionsChanged();
    this.host.events.emit('options.applied', { options: answer.options });
    if (!this.optionsPushed) await this.pushOptions();
  }

  /**
   * Once per link, after its first handshake. A server that refuses `table=options` (some answer 404) loses
   * nothing: the clock works without it, so a refusal is logged and never retried or counted as a failure.
   */
  private async pushOptions(): Promise<void> {
    this.optionsPushed = true;
    try {
      await this.host.request(() => this.host.client.pushOptions(deviceOptions(this.host.clock)));
    } catch (error) {
      this.host.log.info({ err: error }, 'the server did not take the clock’s options (table=options)');
    }
  }

  /** Tells the clock where the link talks to and, once a server said, whether punches upload. */
  tellClock(): void {
    const attendanceUpload = this.attendanceUpload ?? null;
    this.host.clock.send({ type: 'cloud.linked', server: this.host.server, attendanceUpload });
  }

  /**
   * A server whose TransFlag leaves out AttLog gets no punches unless it asks (DATA QUERY ATTLOG): the
   * clock keeps them, as a real one does. That is the classic "online, but no attendance arrives", so it
   * is said at once, in the log and on the clock's Settings > Cloud server screen.
   */
  private noteTransFlag(where: 'handshake' | 'SET OPTION'): void {
    const attendance = transferFlags(this.options).attendance;
    if (!attendance) {
      this.host.log.warn(
        { missing: 'AttLog', transFlag: [...this.options.transFlags] },
        `${where}: the server's TransFlag leaves out AttLog: punches stay on the clock and are not uploaded`,
      );
    }
    this.attendanceUpload = attendance;
    // Every time, not only on a change: a rebooted clock has forgotten, and its handshake is what follows.
    this.tellClock();
  }

  /** What is to be uploaded now, if anything: undefined when nothing is (no log to read, no query to answer). */
  private uploadAll(): Promise<void> | undefined {
    const logs = (this.options.realtime && this.unsent) || this.wants.upload;
    return logs || this.queries.length > 0 ? this.upload() : undefined;
  }

  /** The logs beyond their cursors (in realtime, or when asked), then the answers to DATA QUERY. */
  private async upload(): Promise<void> {
    const wanted = this.wants.upload;
    if ((this.options.realtime && this.unsent) || wanted) {
      this.wants.upload = false;
      // Cleared before the reads: a record added while the batches go up sets it again.
      this.unsent = false;
      const flags = transferFlags(this.options);
      try {
        const ports = this.host.clock.records;
        const size = this.host.batchSize;
        if (flags.attendance) await this.uploader.drain((after) => nextAttlogBatch(ports, size, after));
        if (flags.operations || flags.fingerprints || flags.users) {
          await this.uploader.drain((after) => nextOperlogBatch(ports, flags, size, after));
        }
      } catch (error) {
        // A scheduled upload that failed is still due: the retry after ErrorDelay does it.
        if (wanted) this.wants.upload = true;
        this.unsent = true;
        throw error;
      }
    }
    while (this.queries[0] !== undefined) {
      await this.uploader.post(this.queries[0]);
      this.queries.shift();
    }
  }

  /**
   * A round that is only a poll, asked of a transport that answers at once (in-process): true when it was
   * the whole round (OK, nothing to run or post). Otherwise false and the usual round runs, with the
   * answer, if one came, kept for its poll: the server is asked once either way.
   */
  quickPoll(): boolean {
    const { wants } = this;
    if (wants.handshake || !wants.poll || wants.upload || this.queries.length > 0 || this.deferred.length > 0)
      return false;
    // Realtime: nothing recorded since the last upload (a flag, so that a quiet poll reads no log).
    if (this.options.realtime && this.unsent) return false;
    if (this.poll.now() !== 'ok') return false;
    wants.poll = false;
    this.polled = true;
    return true;
  }

  /** One getrequest and its replies; returns how many commands it carried. */
  private async pollOnce(): Promise<number> {
    this.wants.poll = false;
    const body = await this.poll.ask((exchange) => this.host.request(exchange));
    this.polled = true;
    const round = runCommands(body, this.commandHost);
    if (round.ids.length === 0 && round.rejected.length > 0) {
      throw new CloudFailure('garbage', `getrequest: the answer has no command line (${round.rejected.length} bad)`);
    }
    if (round.replies === '') return 0;
    await this.host.request(() => this.host.client.reply(round.replies));
    this.commandsAnswered += round.ids.length;
    this.host.events.emit('commands.answered', { ids: round.ids });
    return round.ids.length;
  }

  /** What a command asks of the host; reboot and CHECK wait until the replies are posted. */
  private applyEffects(effects: CommandEffect[]): void {
    for (const effect of effects) {
      switch (effect.kind) {
        case 'settings-changed':
        case 'users-changed':
          // The firmware's own: it put the settings in force and refreshed what shows the users.
          break;
        case 'set-options':
          this.setOptions(effect.options);
          break;
        case 'enroll-finger':
          this.host.clock.send({ type: 'enroll.requested', pin: effect.pin, fid: effect.fid });
          break;
        case 'reboot':
        case 'check':
        case 'reload-options':
          this.deferred.push(effect);
          break;
        case 'upload-new':
          this.uploadNew();
          break;
        case 'upload-punches':
        case 'upload-users':
        case 'upload-biodata':
          this.queries.push(...queryUploads([effect], this.host.batchSize));
          break;
      }
    }
  }

  /** LOG: the upload TransInterval would make, now, after the replies; TransFlag still decides what it covers. */
  private uploadNew(): void {
    this.wants.upload = true;
    if (!transferFlags(this.options).attendance) {
      this.host.log.warn(
        { missing: 'AttLog', transFlag: [...this.options.transFlags] },
        "LOG: the server's TransFlag leaves out AttLog: no punches are uploaded",
      );
    }
  }

  private setOptions(pairs: Record<string, string>): void {
    const { options, applied, unknown } = withSetOptions(this.options, pairs);
    if (unknown.length > 0) this.host.log.warn({ keys: unknown }, 'SET OPTION: keys this clock does not use, ignored');
    if (applied.length === 0) return;
    this.options = options;
    this.unsent = true;
    this.host.log.info({ applied }, 'SET OPTION: link options changed');
    if (applied.some((pair) => /^transflag=/i.test(pair))) this.noteTransFlag('SET OPTION');
    this.host.optionsChanged();
    this.host.events.emit('options.applied', { options });
  }

  private runDeferred(): void {
    for (const effect of this.deferred.splice(0)) {
      if (effect.kind === 'check') {
        this.host.log.info('CHECK: reading the options again and uploading from the stamps');
        this.wants.handshake = true;
        this.wants.upload = true;
      } else if (effect.kind === 'reload-options') {
        this.host.log.info('RELOAD OPTIONS: reading the options again');
        this.wants.handshake = true;
      } else if (effect.kind === 'reboot') {
        this.host.log.info('REBOOT: restarting the clock');
        this.host.clock.restart();
      }
    }
  }
}
