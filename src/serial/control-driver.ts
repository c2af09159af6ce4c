// `control`: the simulator's own protocol for test rigs, JSON Lines over a serial port, a pty, TCP or
// stdio. The driver: its options (the token off loopback, the per-client bounds), one event hub for
// all clients, and a session per connection (control.ts).
import { checkControlSpec, isLoopbackHost } from './control-auth.js';
import { ControlHub } from './control-hub.js';
import { DEFAULT_OUTBOX_LIMITS } from './control-outbox.js';
import { ControlSession, type ControlClientState } from './control.js';
import { intOption, opt, optText, textOption } from './options.js';
import { parseTcpPath } from './stream-endpoints.js';
import type { Driver, Link } from './types.js';

export interface ControlApi {
  /** Every connected client and what it costs: for operators and for the tests that bound it. */
  clients(): ControlClientState[];
}

export const controlDriver: Driver<ControlApi> = {
  kind: 'control',
  describe: "the simulator's control protocol (JSON Lines) for test rigs: serial, pty, tcp:[HOST:]PORT or stdio",
  defaultBaud: 115200,
  options: {
    token: textOption('a secret clients must send first ({"cmd":"auth","token":…}); needed off loopback'),
    backlog: intOption(
      `bytes queued for a client that does not read before its events are dropped (default ${DEFAULT_OUTBOX_LIMITS.backlogBytes})`,
      DEFAULT_OUTBOX_LIMITS.backlogBytes,
      1024,
      64 * 1024 * 1024,
    ),
    behind: intOption(
      `events dropped in a row before such a client is hung up on; 0 never (default ${DEFAULT_OUTBOX_LIMITS.droppedEvents})`,
      DEFAULT_OUTBOX_LIMITS.droppedEvents,
      0,
      100_000_000,
    ),
    grace: intOption(
      `seconds a client that was hung up on may read nothing before it is cut off, its bye unread (default ${DEFAULT_OUTBOX_LIMITS.hangUpGraceMs / 1000})`,
      DEFAULT_OUTBOX_LIMITS.hangUpGraceMs / 1000,
      1,
      86_400,
    ),
  },
  check: checkControlSpec,
  create({ clock, log, cloudSwitch, spec }) {
    const hub = new ControlHub(clock);
    const sessions = new Set<ControlSession>();
    const token = optText(spec.options, 'token') || undefined;
    const limits = {
      backlogBytes: opt(spec.options, 'backlog'),
      droppedEvents: opt(spec.options, 'behind'),
      hangUpGraceMs: opt(spec.options, 'grace') * 1000,
    };
    const tcp = spec.path.startsWith('tcp:') ? parseTcpPath(spec.path) : undefined;
    const open = tcp !== undefined && typeof tcp !== 'string' && !isLoopbackHost(tcp.host);
    const notice =
      token === undefined
        ? undefined
        : `${open ? 'listening off loopback; ' : ''}clients must send {"cmd":"auth","token":"<the token=>"} first`;
    return {
      api: { clients: () => [...sessions].map((s) => s.state()) },
      ...(notice === undefined ? {} : { notice }),
      connect: (link: Link) => {
        const session: ControlSession = new ControlSession(clock, hub, link, log.child({ client: link.label }), {
          token,
          limits,
          onClose: () => sessions.delete(session),
          ...(cloudSwitch === undefined ? {} : { cloudSwitch }),
        });
        sessions.add(session);
        return session;
      },
      stop: () => hub.stop(),
    };
  },
};
