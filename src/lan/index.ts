// The LAN protocol room: what SDKs (node-zklib, zkteco-js, zklib-js, zklib, pyzk) speak to a clock on
// port 4370 — the codec, a session per client, and the TCP + UDP listener that `timeclock run` starts.
export { startLanListener, type LanListener, type LanListenerOptions } from './listener.js';
export { DEFAULT_LAN_LIMITS, lanLimits, type LanLimits } from './limits.js';
export { CMD, REPLY, FCT, EF, commandName } from './codes.js';
export {
  checksum,
  commKeyBytes,
  decodePacket,
  decodeTime,
  encodeAnswer,
  encodePacket,
  encodeTime,
  tcpFrame,
  TcpFrameDecoder,
  type Packet,
} from './codec.js';
