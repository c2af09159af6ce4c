// The clock's cloud link: one worker that runs rounds (link-rounds.ts) one request at a time, woken by the
// clock source's timers (so virtual time drives it) and by the clock's facts, and the online icons it
// drives. Its only durable state is the store's: the logs are the offline queue, the cursors move on OK.
import type { Clock } from '../runtime/index.js';
import type { PushTransport } from '../protocol/index.js';
import type { Logger } from '../log.js';
import { IdleWaiters } from './idle-waiters.js';
import { listenToClock } from './link-facts.js';
import { LinkRounds } from './link-rounds.js';
import { LinkTimers } from './link-timers.js';
import { CloudFailure, PushClient, RoundHalted, unlessStopped } from './push-client.js';
import { nextWakeInSeconds, transferWait } from './schedule.js';
import { LinkWorker } from './link-worker.js';
import { CloudIcon } from './cloud-icon.js';
import { SyncEmitter, syncStatus, type SyncState, type SyncStatus } from './sync-events.js';
import { BATCH_SIZE } from './uploads.js';
import { codedError } from '../errors.js';

/** Polls in a row that may follow a getrequest answer with commands, before Delay applies again. */
const MAX_IMMEDIATE_POLLS = 20;

export class SyncLink {
  private readonly events: SyncEmitter;
  private readonly rounds: LinkRounds;
  private readonly idle = new IdleWaiters();
  private readonly timers: LinkTimers;
  private state: SyncState = 'connecting';
  private problem: string | undefined;
  private lastContact: number | undefined;
  private readonly worker: LinkWorker;
  private immediatePolls = 0;
  private readonly icon: CloudIcon;
  private linkWasUp: boolean;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly transport: PushTransport,
    private readonly log: Logger,
    /** A transport the link made from a URL is the link's to close. */
    private readonly ownTransport: boolean,
    batchSize = BATCH_SIZE,
    /** Where the link talks to, as the clock's Settings > Cloud server shows it. */
    server = 'in-process transport',
    /** A device key given by the host; otherwise the one the clock keeps (settings.cloudKey). */
    deviceKey?: string,
  ) {
    this.timers = new LinkTimers(clock.source);
    this.icon = new CloudIcon(clock);
    this.events = new SyncEmitter((type, error) => log.error({ err: error, event: type }, 'sync event handler threw'));
    this.rounds = new LinkRounds({
      clock,
      server,
      // The host's key (a flag, the embedded cloud) before the one the clock keeps in its settings.
      client: new PushClient(transport, clock.serialNumber, () => deviceKey || clock.settings().cloudKey || undefined),
      log,
      events: this.events,
      batchSize,
      request: (exchange) => this.request(exchange),
      optionsChanged: () => this.scheduleTransfer(),
    });
    this.worker = new LinkWorker({
      starting: () => (this.rounds.polled = false),
      round: () => this.cycle(),
      mayGoOn: () => this.state === 'online' || this.state === 'connecting',
      fault: (error) => this.fault(error),
      ending: () => this.scheduleWake(),
      // After scheduleWake, so that whoever waited finds the next poll already on the clock source's timers.
      ended: () => this.idle.workEnded(),
    });
    this.linkWasUp = this.linkUp();
    this.rounds.tellClock();
    this.listen();
    this.kick();
  }

  readonly on: SyncEmitter['on'] = (type, handler) => this.events.on(type, handler);

  status(): SyncStatus {
    return syncStatus(this.rounds, { state: this.state, problem: this.problem, lastContact: this.lastContact });
  }

  /**
   * Fetches and applies every command the server holds and uploads every pending record now, whatever
   * the schedule; resolves once a whole round found nothing left. Rejects, naming why, when the link is
   * down or the server fails first: the retry goes on after ErrorDelay, but a caller waiting in virtual
   * time would otherwise wait forever.
   */
  whenIdle(): Promise<void> {
    if (this.state === 'stopped') return Promise.reject(codedError('TC_ERR_SYNC_STOPPED', 'sync is stopped'));
    if (!this.linkUp()) return Promise.reject(codedError('TC_ERR_SYNC_LINK_DOWN', 'the network link is down'));
    const waiting = this.idle.add();
    Object.assign(this.rounds.wants, { poll: true, upload: true });
    this.kick();
    return waiting;
  }

  /** Whether a round is in flight (a request sent or being prepared). */
  working(): boolean {
    return this.worker.working();
  }

  /** Resolves once no round is in flight: what a virtual-time host awaits instead of turning the event loop. */
  settled(): Promise<void> {
    return this.worker.settled();
  }

  /** Stops after the request in flight, if any; the store keeps whatever is not yet acknowledged. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.setState('stopped');
    this.timers.clear();
    for (const off of this.unsubscribe.splice(0)) off();
    this.idle.rejectAll(codedError('TC_ERR_SYNC_STOPPED', 'sync stopped'));
    await this.worker.settled();
    if (this.ownTransport) this.transport.close();
    this.log.info('sync stopped');
  }

  private listen(): void {
    this.unsubscribe.push(
      ...listenToClock(this.clock, {
        recordAdded: () => this.recordAdded(),
        recordsLoaded: () => this.rounds.recordsAdded(),
        poweredOn: () => {
          this.icon.forget();
          Object.assign(this.rounds.wants, { handshake: true, poll: true });
          this.rounds.recordsAdded();
          if (this.state !== 'offline') this.kick();
        },
        linkChanged: () => this.checkLink(),
      }),
    );
  }

  /** Realtime uploads at once; while offline the record waits for the retry, as the protocol says. */
  private recordAdded(): void {
    this.rounds.recordsAdded();
    if (this.rounds.options.realtime && this.state !== 'offline') this.kick();
  }

  /** A clock that is closed or halted has no network either. */
  private linkUp(): boolean {
    return this.clock.state() === 'running' && this.clock.linkUp();
  }

  private checkLink(): void {
    const up = this.linkUp();
    if (up === this.linkWasUp || this.state === 'stopped') return;
    this.linkWasUp = up;
    this.log.info(up ? 'network link up' : 'network link down: sync paused');
    if (!up) return this.pause();
    this.setState('connecting');
    Object.assign(this.rounds.wants, { handshake: true, poll: true });
    this.kick();
  }

  private kick(): void {
    if (this.state === 'stopped') return;
    this.worker.kick();
  }

  /** A CloudFailure is the offline state; anything else is a fault (LinkWorker hands it to fault()). */
  private async cycle(): Promise<void> {
    if (!this.linkUp()) return this.pause();
    const round = this.idle.startRound();
    try {
      const answered = await this.rounds.run();
      this.goOnline();
      this.afterRound(round, answered);
    } catch (error) {
      if (error instanceof RoundHalted) return;
      if (!(error instanceof CloudFailure)) throw error;
      this.goOffline(error.message);
    }
  }

  private afterRound(round: number, answered: number): void {
    if (answered > 0 && this.immediatePolls < MAX_IMMEDIATE_POLLS) {
      // More may be queued behind what the server sent: ask again now rather than after Delay.
      this.immediatePolls++;
      this.rounds.wants.poll = true;
      this.worker.runAgain();
      return;
    }
    if (answered > 0) {
      this.idle.rejectAll(
        codedError('TC_ERR_SYNC_COMMAND_STORM', `the server sent commands ${MAX_IMMEDIATE_POLLS} times in a row`),
      );
    } else if (this.rounds.wants.handshake || this.rounds.queries.length > 0) {
      this.worker.runAgain();
    } else {
      this.idle.foundIdle(round);
    }
    this.immediatePolls = 0;
  }

  /** Every exchange goes through here, so that a stop or a link going down sends nothing more. */
  private async request<T>(exchange: () => Promise<T>): Promise<T> {
    if (this.state === 'stopped' || this.state === 'paused' || !this.linkUp()) throw new RoundHalted();
    const result = await unlessStopped(exchange, this.stopped);
    this.lastContact = this.clock.source.now();
    return result;
  }

  /** An arrow made once: every request asks it. */
  private readonly stopped = (): boolean => this.state === 'stopped';

  private goOnline(): void {
    if (this.state === 'stopped' || this.state === 'paused') return;
    this.problem = undefined;
    // A reboot during the round asked for a handshake: until it answers, the icon keeps its red dot.
    if (!this.rounds.wants.handshake) this.icon.show(true);
    if (this.state !== 'online') this.log.info('cloud online');
    this.setState('online');
  }

  private goOffline(problem: string): void {
    if (this.stopped()) return;
    this.problem = problem;
    this.log.warn({ problem, retryInSeconds: this.rounds.options.errorDelay }, 'cloud unreachable or erroring');
    Object.assign(this.rounds.wants, { handshake: true, poll: true });
    this.down('offline', codedError('TC_ERR_SYNC_BAD_ANSWER', `the cloud did not answer as it should: ${problem}`));
  }

  private pause(): void {
    if (this.state === 'paused' || this.state === 'stopped') return;
    this.timers.clear();
    this.down('paused', codedError('TC_ERR_SYNC_LINK_DOWN', 'the network link is down'));
  }

  /** The icon red, the state told, and whoever waits for an idle link told why not. */
  private down(state: 'offline' | 'paused', why: Error): void {
    this.icon.show(false);
    this.setState(state, state === 'offline' ? this.problem : undefined);
    this.idle.rejectAll(why);
  }

  /**
   * A bug, or the clock closed (or halted) under the link: such a clock refuses input, and then the link
   * stops; its host starts a new one once the clock runs again.
   */
  private fault(error: unknown): void {
    if (this.stopped()) return;
    if (!this.icon.reset()) {
      this.log.warn({ err: error }, 'the clock refuses input (closed or halted): sync stops');
      void this.stop();
      return;
    }
    this.log.error({ err: error }, 'sync fault');
    this.goOffline(`sync fault: ${error instanceof Error ? error.message : String(error)}`);
  }

  private setState(state: SyncState, problem?: string): void {
    if (this.state === state) return;
    this.state = state;
    this.events.emit('state.changed', problem === undefined ? { state } : { state, problem });
  }

  /** Next poll after Delay when online; next attempt after ErrorDelay when offline; none while paused. */
  private scheduleWake(): void {
    if (this.state === 'online' && this.timers.hasWake() && !this.rounds.polled) return;
    const seconds = nextWakeInSeconds(this.state, this.rounds.options);
    this.timers.wake(seconds === undefined ? undefined : seconds * 1000, this.woken);
  }

  private readonly woken = (): void => {
    this.rounds.wants.poll = true;
    if (!this.quickRound()) this.kick();
  };

  /**
   * The usual wake of an online clock with nothing to upload is one poll answered OK. Where the transport
   * answers at once (in-process), that whole round happens here, without the worker's promises; anything
   * else (commands, a failure, a fault, a socket) goes to the worker, with the answer if one came.
   */
  private quickRound(): boolean {
    if (this.state !== 'online' || this.worker.working() || !this.linkUp()) return false;
    // The worker's own steps, in its order: starting, the round, what follows it, ending, ended.
    this.rounds.polled = false;
    if (!this.rounds.quickPoll()) return false;
    this.lastContact = this.clock.source.now();
    this.goOnline();
    this.idle.foundIdle(this.idle.startRound());
    this.immediatePolls = 0;
    this.scheduleWake();
    this.idle.workEnded();
    return true;
  }

  private scheduleTransfer(): void {
    const wait = this.state === 'stopped' ? undefined : transferWait(this.clock.now(), this.rounds.options);
    this.timers.transfer(wait, () => {
      this.rounds.wants.upload = true;
      if (this.state !== 'offline') this.kick();
      this.scheduleTransfer();
    });
  }
}
