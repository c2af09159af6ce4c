// Facts the cloud tells whoever listens (the live pages): a clock was seen, a command changed state, a
// punch was stored. One typed emitter; PUSH handling emits, server-sent events read.
import { EventEmitter } from 'node:events';
import type { CommandState } from './types.js';

export interface CloudEventMap {
  'clock.seen': [{ sn: string; at: number }];
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
