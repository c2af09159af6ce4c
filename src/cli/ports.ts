// `timeclock ports`: the serial ports a bridge can use. node-serialport lists them through udev on
// Linux; where that is missing (containers, minimal images) the command says why, shows the serial
// devices it can still see in /dev, and how to pass a path by hand.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { SerialPort } from 'serialport';
import { executeAlone, onAction, timeclockCommand } from './program.js';

export interface PortInfo {
  path: string;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
}

export interface PortsIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** The system's list; node-serialport's unless told. */
  list?: () => Promise<PortInfo[]>;
  /** Where device files are looked for when the list fails; /dev unless told. */
  devDir?: string;
}

/** Device names of USB serial adapters, on-board UARTs and Bluetooth serial on Linux. */
const DEVICE_NAMES = /^tty(USB|ACM|AMA|XRUSB|SC|THS|mxc)\d+$|^rfcomm\d+$|^serial\d+$/;

const PROCESS_IO: PortsIo = { stdout: process.stdout, stderr: process.stderr };

export function createPortsCommand(io: PortsIo = PROCESS_IO): Command {
  const command = timeclockCommand('ports', io)
    .description('list the serial ports a bridge can use')
    .option('--json', 'print a JSON array');
  return onAction(command, () => listPorts(command.opts<{ json?: boolean }>(), io));
}

/** `timeclock ports …argv`; resolves to the exit code. */
export function portsCommand(argv: string[], io: PortsIo = PROCESS_IO): Promise<number> {
  return executeAlone(createPortsCommand(io), argv, io);
}

async function listPorts(flags: { json?: boolean }, io: PortsIo): Promise<number> {
  let ports: PortInfo[];
  try {
    ports = await (io.list ?? (() => SerialPort.list()))();
  } catch (error) {
    const found = scanDevices(io.devDir ?? '/dev');
    const reason = (error as Error).message;
    if (flags.json) {
      io.stdout.write(
        `${JSON.stringify(
          found.map((p) => ({ path: p })),
          null,
          2,
        )}\n`,
      );
      io.stderr.write(`timeclock ports: the system cannot list serial ports (${reason}); scanned the device files\n`);
      return 0;
    }
    io.stderr.write(`The system cannot list serial ports here (${reason}).\n`);
    io.stderr.write('On Linux the list comes from udev (udevadm), which this system lacks.\n\n');
    io.stdout.write(found.length > 0 ? `Serial devices found:\n${found.map((p) => `  ${p}\n`).join('')}` : '');
    io.stdout.write(found.length > 0 ? '\n' : 'No serial devices found in the device files.\n\n');
    io.stdout.write(HOW_TO_PASS);
    return 0;
  }
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(ports, null, 2)}\n`);
    return 0;
  }
  if (ports.length === 0) {
    io.stdout.write(`No serial ports found.\n\n${HOW_TO_PASS}`);
    return 0;
  }
  const rows = ports.map((p) => [
    p.path,
    p.manufacturer ?? '',
    p.serialNumber ?? '',
    p.vendorId ? `${p.vendorId}:${p.productId ?? ''}` : '',
  ]);
  const table = [['PATH', 'MANUFACTURER', 'SERIAL', 'USB ID'], ...rows];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  for (const row of table)
    io.stdout.write(
      `${row
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd()}\n`,
    );
  return 0;
}

const HOW_TO_PASS = `Pass a port by its path, for example:
  timeclock run --bridge rdm6300:/dev/ttyUSB0
A pty pair works too:  socat -d -d pty,raw,echo=0,link=/tmp/reader pty,raw,echo=0,link=/tmp/clock
  timeclock run --bridge rdm6300:/tmp/clock   (the reader side writes into /tmp/reader)
`;

/** Serial device files: /dev/serial/by-id links first (stable names), then the usual device names. */
export function scanDevices(devDir: string): string[] {
  const out: string[] = [];
  const byId = path.join(devDir, 'serial', 'by-id');
  for (const name of safeReaddir(byId)) out.push(path.join(byId, name));
  for (const name of safeReaddir(devDir)) if (DEVICE_NAMES.test(name)) out.push(path.join(devDir, name));
  return out;
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
}
