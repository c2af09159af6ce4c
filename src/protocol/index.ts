// The PUSH (ADMS / iclock) protocol as pure text codecs, shared by the clock's sync client and the
// reference cloud, plus the transport both speak through. No I/O outside transport.ts.
export {
  PUSH_CONTENT_TYPE,
  PUSH_PATHS,
  PUSH_VERSION,
  formatQuery,
  parseQuery,
  pushUrl,
  queryValue,
  splitUrl,
} from './paths.js';
export type { PushEndpoint, Query } from './paths.js';
export {
  formatHttpDate,
  formatPushTime,
  localTimeFromServer,
  parseHttpDate,
  parsePushTime,
  utcFromLocalTime,
} from './time.js';
export {
  DEFAULT_TRANS_FLAGS,
  TRANS_FLAG_BITS,
  defaultPushOptions,
  formatOptionsBody,
  parseOptionsBody,
  parseTransFlag,
  timeZoneFromWire,
  timeZoneToWire,
} from './options.js';
export type { ParsedOptions, PushOptions } from './options.js';
export { MAX_LINE_CHARS, excerpt, type RejectedLine } from './lines.js';
export { formatAttlog, parseAttlogBody, type AttlogRecord, type ParsedAttlog } from './attlog.js';
export {
  formatOperlog,
  formatOperlogLine,
  formatTemplateFields,
  formatUserFields,
  parseOperlogBody,
  type OperlogItem,
  type OperlogRecord,
  type ParsedOperlog,
} from './operlog.js';
export { formatBiodata, formatBiodataFields, parseBiodataBody, type ParsedBiodata } from './biodata.js';
export { commandWord, formatCommand, formatCommandText, formatCommandsBody, type PushCommand } from './commands.js';
export { isCommandId } from '../../firmware/index.js';
export { formatDevicecmdBody, parseDevicecmdBody, type CommandReply, type ParsedDevicecmd } from './devicecmd.js';
export {
  formatDeviceOptionsBody,
  formatInfoParam,
  formatUploadAnswer,
  parseDeviceOptionsBody,
  parseInfoParam,
  parseUploadAnswer,
  type DeviceInfo,
  type UploadAnswer,
} from './info.js';
export {
  TransportError,
  httpTransport,
  inProcessTransport,
  type HandledResponse,
  type HttpTransportOptions,
  type PushHandler,
  type PushRequest,
  type PushResponse,
  type PushTransport,
  type TransportErrorKind,
} from './transport.js';
export { CuttableLine } from './cuttable-line.js';
