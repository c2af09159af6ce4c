// Clock models, the host's side: loading devices/*.json by name or path, and the identity (serial
// number, MAC address) of a simulated clock of a model. What leaves this room is listed here.
export type { DeviceModel } from '../../firmware/index.js';
export { DeviceModelError } from '../../firmware/index.js';
export { isValidSerialNumber, macAddressFor, serialNumberFor } from './identity.js';
export { JsonSyntaxError } from './json-text.js';
export {
  defaultDevicesDir,
  DeviceFileError,
  listDeviceModels,
  loadDeviceFile,
  loadDeviceModel,
  UnknownDeviceModelError,
} from './load.js';

// Re-exported so that other rooms reach these only through this index.
export { parseJsonText } from './json-text.js';
