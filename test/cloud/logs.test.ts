// The cloud logs at trace level with no password or template in any line.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { simulatedTemplate } from '../../firmware/fingers.js';
import { newUser } from '../../firmware/users.js';
import { formatOperlog } from '../../src/protocol/index.js';
import { createLogger } from '../../src/log.js';
import { WireClock, startCloud } from './harness.js';

const TMP = simulatedTemplate({ person: '1001', fid: 6 });

describe('the cloud’s log', () => {
  it('never holds a password or a template, at any level', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const { api, cloud, transport } = await startCloud({
      logger: createLogger({ level: 'trace', destination }),
      autoRegister: true,
    });
    cloud.registerClock('TC1A000001');
    await api('POST', '/api/employees', {
      employeeId: 'E1',
      lastName: 'Lopez',
      badge: '1001',
      password: '97531',
      clocks: ['TC1A000001'],
      templates: [{ fid: 6, template: TMP }],
    });
    const clock = new WireClock('TC1A000001', transport);
    await clock.drain();
    const upload = formatOperlog([
      { user: newUser('1001', { password: '86420', card: '123' }) },
      { template: { pin: '1001', fid: 5, valid: true, template: TMP } },
    ]);
    await clock.post('/iclock/cdata', `${upload}USER PIN=bad pin\tPasswd=24680\nFP PIN=1001\tFID=99\tTMP=${TMP}\n`, {
      table: 'OPERLOG',
    });
    await clock.post('/iclock/devicecmd', `ID=1&Return=0&CMD=DATA\nPasswd=13579\n`);
    const log = lines.join('');
    expect(log).toContain('line rejected');
    for (const secret of ['97531', '86420', '24680', '13579', TMP]) expect(log).not.toContain(secret);
  });
});
