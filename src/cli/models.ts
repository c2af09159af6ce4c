// `timeclock models`: the clock models a run can be given (`--model`), one a line, from devices/.
import type { Command } from 'commander';
import { listDeviceModels } from '../devices/index.js';
import { onAction, timeclockCommand, type OutputIo } from './program.js';

export function createModelsCommand(io: OutputIo): Command {
  const command = timeclockCommand('models', io).description('list the clock models in devices/');
  return onAction(command, () => {
    io.stdout.write(`${listDeviceModels().join('\n')}\n`);
    return 0;
  });
}
