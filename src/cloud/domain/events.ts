// Facts the cloud tells whoever listens (the live pages): a clock was seen, a command changed state, a
// punch was stored. One typed emitter; PUSH handling emits, server-sent events read.
import { EventEmitter } from 'node:events';
import type { PushEndpoint } from '../../protocol/index.js';
import type { CommandState } from '../types.js';

export interface CloudEventMap {
  /** Every PUSH request of a registered clock, by endpoint (a poll is a `getrequest`). */
  'clock.seen': [{ sn: string; at: number; endpoint: PushEndpoint }];
  'command.changed': [{ id: string; sn: string; state: CommandState }];
  'punch.stored': [{ sn: string; count: number }];
}

export class CloudEvents extends EventEmitter<CloudEventMap> {
  constructor() {
    super();
    // Every open live page listens; a busy portal has more than the default ten.
    this.setMaxListeners(0);
  }
}
