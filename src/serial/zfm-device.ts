// `zfm-device`: the other way round — the simulator plays an R307/R503-style module on a port, for host
// software and test rigs. Its sensor holds the finger that the rig or scenario placed (api.place), and
// its library starts with the clock's enrolled simulator templates, one page each, in PIN order (pages
// from the `map=` file first). Stores, deletes and Empty change the emulated library only.
import { fingerKey, fingerKeyOfTemplate } from '../../firmware/index.js';
import { fingerFrom, type Clock, type FingerSpec } from '../runtime/index.js';
import { intOption, opt, optText, textOption, zfmModuleOptions } from './options.js';
import type { Driver, Link, Session } from './types.js';
import {
  ZfmCode,
  ZfmCommand,
  ZfmDecoder,
  ZfmPid,
  encodeIndexTable,
  encodeSystemParameters,
  zfmAck,
  type ZfmPacket,
} from './zfm-codec.js';
import { ZfmPageMap } from './zfm-pages.js';

export interface ZfmDeviceApi {
  /** Puts a finger on the emulated sensor; it stays until lift() or another place(). */
  place(finger: FingerSpec, quality?: 'good' | 'poor'): void;
  lift(): void;
  /** The emulated library: page → the finger it holds (`1003/6`). */
  library(): ReadonlyMap<number, string>;
}

/** Img2Tz without a captured image. */
const NO_IMAGE = 0x15;
const READ_TEMPLATE_FAILED = 0x0c;
const SCORE = 200;

export interface EmulatedModule {
  address: number;
  password: number;
  capacity: number;
  baud: number;
  sensor: { key: string; quality: 'good' | 'poor' } | undefined;
  library: Map<number, string>;
  /** [image, char buffer 1, char buffer 2]: the image is `good:KEY` or `poor:KEY`, the buffers a finger key. */
  buffers: (string | undefined)[];
}

type Clocked = Pick<Clock, 'records'>;

function preload(clock: Clocked, pages: ZfmPageMap, capacity: number): Map<number, string> {
  const library = new Map<number, string>();
  const keyOf = (pin: string, fid: number) => {
    const t = clock.records.templates.find(pin, fid);
    return (t && fingerKeyOfTemplate(t.template)) ?? fingerKey({ person: pin, fid });
  };
  for (const [page, entry] of pages.entries()) if (page < capacity) library.set(page, keyOf(entry.pin, entry.fid));
  const taken = new Set(library.values());
  let next = 0;
  for (let offset = 0; ; offset += 500) {
    const users = clock.records.users.search('', offset, 500);
    for (const user of users) {
      for (const t of clock.records.templates.listFor(user.pin)) {
        const key = fingerKeyOfTemplate(t.template);
        if (key === undefined || taken.has(key)) continue;
        while (library.has(next)) next++;
        if (next >= capacity) return library;
        library.set(next, key);
        taken.add(key);
      }
    }
    if (users.length < 500) return library;
  }
}

/** One command in, one acknowledgement out: the module's behaviour as a pure step over its state. */
export function answerZfm(module: EmulatedModule, packet: ZfmPacket): Buffer | undefined {
  if (packet.pid !== ZfmPid.command || packet.address !== module.address || packet.payload.length < 1) return undefined;
  const p = packet.payload;
  const ack = (code: number, data: number[] = []) => zfmAck(code, data, module.address);
  const u16 = (at: number) => (p.length >= at + 2 ? p.readUInt16BE(at) : -1);
  const buffers = module.buffers;
  switch (p[0]) {
    case ZfmCommand.GenImg:
      buffers[0] = module.sensor === undefined ? undefined : `${module.sensor.quality}:${module.sensor.key}`;
      return ack(module.sensor === undefined ? ZfmCode.noFinger : ZfmCode.ok);
    case ZfmCommand.Img2Tz: {
      const slot = p[1] === 2 ? 2 : 1;
      const image = buffers[0];
      if (image === undefined) return ack(NO_IMAGE);
      if (image.startsWith('poor:')) return ack(ZfmCode.imageMessy);
      buffers[slot] = image.slice('good:'.length);
      return ack(ZfmCode.ok);
    }
    case ZfmCommand.Match: {
      const same = buffers[1] !== undefined && buffers[1] === buffers[2];
      return ack(same ? ZfmCode.ok : ZfmCode.noMatch, [0, same ? SCORE : 0]);
    }
    case ZfmCommand.RegModel:
      return ack(buffers[1] !== undefined && buffers[1] === buffers[2] ? ZfmCode.ok : ZfmCode.mergeFailed);
    case ZfmCommand.Search:
      return searchLibrary(module, buffers[p[1] === 2 ? 2 : 1], u16(2), u16(4), ack);
    case ZfmCommand.Store: {
      const page = u16(2);
      const key = buffers[p[1] === 2 ? 2 : 1];
      if (page < 0 || page >= module.capacity) return ack(ZfmCode.badLocation);
      if (key === undefined) return ack(ZfmCode.packetError);
      module.library.set(page, key);
      return ack(ZfmCode.ok);
    }
    case ZfmCommand.Load: {
      const held = module.library.get(u16(2));
      if (held === undefined) return ack(READ_TEMPLATE_FAILED);
      buffers[p[1] === 2 ? 2 : 1] = held;
      return ack(ZfmCode.ok);
    }
    case ZfmCommand.DeletChar:
      for (let page = u16(1); page < u16(1) + u16(3); page++) module.library.delete(page);
      return ack(ZfmCode.ok);
    case ZfmCommand.Empty:
      module.library.clear();
      return ack(ZfmCode.ok);
    case ZfmCommand.ReadSysPara:
      return ack(ZfmCode.ok, systemParameters(module));
    case ZfmCommand.VfyPwd:
      return ack(p.length >= 5 && p.readUInt32BE(1) === module.password ? ZfmCode.ok : ZfmCode.wrongPassword);
    case ZfmCommand.TemplateNum:
      return ack(ZfmCode.ok, [module.library.size >> 8, module.library.size & 0xff]);
    case ZfmCommand.ReadIndexTable:
      return ack(ZfmCode.ok, encodeIndexTable(p[1] ?? 0, module.library.keys()));
    case ZfmCommand.AuraLed:
      return ack(ZfmCode.ok);
    default:
      // UpChar, DownChar and the rest move template data, which a simulated finger has none of.
      return ack(ZfmCode.packetError);
  }
}

/** Search: the first page in `[start, start + count)` that holds the key in the char buffer. */
function searchLibrary(
  module: EmulatedModule,
  key: string | undefined,
  start: number,
  count: number,
  ack: (code: number, data?: number[]) => Buffer,
): Buffer {
  for (const [page, held] of module.library) {
    if (key !== undefined && held === key && page >= start && page < start + count) {
      return ack(ZfmCode.ok, [page >> 8, page & 0xff, 0, SCORE]);
    }
  }
  return ack(ZfmCode.notFound, [0, 0, 0, 0]);
}

/** ReadSysPara: the module's system parameters block as an R307 reports it. */
function systemParameters(module: EmulatedModule): number[] {
  return encodeSystemParameters({
    statusRegister: 0,
    systemId: 9,
    librarySize: module.capacity,
    securityLevel: 3,
    address: module.address,
    packetSizeCode: 2,
    baudMultiplier: Math.max(1, Math.round(module.baud / 9600)),
  });
}

export const zfmDeviceDriver: Driver<ZfmDeviceApi> = {
  kind: 'zfm-device',
  describe: 'emulates an R307/R503-style fingerprint module on the port, backed by the simulated reader',
  defaultBaud: 57600,
  options: {
    ...zfmModuleOptions(),
    capacity: intOption('library pages (default 200, as an R503)', 200, 1, 65535),
    map: textOption('page map JSON file whose pages are loaded first (default none)'),
  },
  create({ clock, spec, log }) {
    const mapFile = optText(spec.options, 'map');
    const capacity = opt(spec.options, 'capacity');
    const module: EmulatedModule = {
      address: opt(spec.options, 'address'),
      password: opt(spec.options, 'password'),
      capacity,
      baud: opt(spec.options, 'baud'),
      sensor: undefined,
      library: preload(clock, new ZfmPageMap(mapFile === '' ? undefined : mapFile), capacity),
      buffers: [],
    };
    log.info({ pages: module.library.size }, 'emulated module library loaded');
    return {
      api: {
        place(finger, quality = 'good') {
          module.sensor = { key: fingerKey(fingerFrom(finger)), quality };
        },
        lift() {
          module.sensor = undefined;
        },
        library: () => module.library,
      },
      connect(link: Link): Session {
        const decoder = new ZfmDecoder((p) => log.debug({ offset: p.offset, port: link.label }, p.message));
        return {
          data(bytes) {
            for (const packet of decoder.push(bytes)) {
              const reply = answerZfm(module, packet);
              if (reply !== undefined) link.write(reply);
            }
          },
          close() {},
        };
      },
    };
  },
};
