// The serial room: hardware bridges (card readers, Wiegand converters, fingerprint modules, OSDP readers)
// and the control protocol for test rigs. What leaves the room: startBridge and the spec parser, the
// pure codecs (for rigs, tests and benchmarks), and the driver APIs.
export { startBridge, openSerialPort, type ApiOf, type Bridge, type BridgeOptions } from './bridge.js';
export { BRIDGE_KINDS, BridgeSpecError, bridgeHelp, parseBridgeSpec, type BridgeKind } from './spec.js';
export type { BridgeSpec, Link, OpenPort, PortStream, Session } from './types.js';
export type { EndpointState } from './serial-endpoint.js';
export { ByteQueue, fromHex, hex, type DecodeProblem } from './bytes.js';
export { Em4100Decoder, RepeatFilter, encodeEm4100, type Em4100Read } from './em4100.js';
export {
  WiegandDecoder,
  decodeWiegand,
  decodeWiegandBits,
  encodeKeyBurst,
  encodeWiegand26,
  encodeWiegand34,
  encodeWiegandLine,
  type WiegandEvent,
  type WiegandLineFormat,
} from './wiegand-codec.js';
export {
  ZfmCode,
  ZfmCommand,
  ZfmDecoder,
  ZfmPid,
  encodeZfm,
  parseSystemParameters,
  zfm,
  zfmAck,
  zfmCommand,
  type ZfmPacket,
} from './zfm-codec.js';
export { ZfmPageMap, type PageEntry } from './zfm-pages.js';
export type { ZfmHostApi, ZfmEnrollResult } from './zfm-host.js';
export type { ZfmDeviceApi } from './zfm-device.js';
export {
  OsdpCommand,
  OsdpDecoder,
  OsdpReply,
  encodeOsdp,
  osdpChecksum,
  osdpCrc,
  type OsdpFrame,
} from './osdp-codec.js';
export { buzzerCommand, encodeKeypad, encodePdid, encodeRaw, ledCommand, textCommand } from './osdp-messages.js';
export type { OsdpPanelApi } from './osdp-panel.js';
export {
  CONTROL_COMMANDS,
  CONTROL_EVENTS,
  CONTROL_PROTOCOL_VERSION,
  LineDecoder,
  MAX_KEYS_PER_REQUEST,
  MAX_LINE_BYTES,
  parseControlLine,
  type ControlRequest,
} from './control-codec.js';
export type { ControlApi } from './control-driver.js';
export { ADVANCE_MS_PER_WORK, WORK_PER_TURN, type ControlClientState } from './control.js';
