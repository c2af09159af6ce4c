// node-zklib as the LAN benchmarks use it: the SDK is CommonJS without types, so its calls are declared once here.

import { createRequire } from 'node:module';

export interface NodeZkLib {
  createSocket(): Promise<void>;
  getInfo(): Promise<{ userCounts: number; logCounts: number }>;
  getUsers(): Promise<{ data: unknown[] }>;
  getAttendances(): Promise<{ data: unknown[]; err: unknown }>;
  disconnect(): Promise<void>;
  connectionType: 'tcp' | 'udp' | null;
}

export const ZKLib = createRequire(import.meta.url)('node-zklib') as new (
  ip: string,
  port: number,
  timeout: number,
  inport: number,
) => NodeZkLib;
