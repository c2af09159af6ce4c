// A clock's part of a file many clocks share (a fleet's --data) held to the port contract, beside a
// neighbour clock with rows of its own in the same file, which none of the contract's calls may see.
import type { ClockSettings } from '../../firmware/settings.js';
import { newUser } from '../../firmware/users.js';
import { openSharedStore } from '../../src/store/index.js';
import { describePortContract } from './port-contract.js';
import { makeTempDir } from './temp-dir.js';

describePortContract('SQLite file shared by many clocks', () => {
  const dir = makeTempDir();
  const shared = openSharedStore(dir.file('clocks.db'), { synchronous: 'normal' });
  const neighbour = shared.clock('NEIGHBOUR1');
  neighbour.users.put(newUser('1001', { name: 'Not Yours', card: '7788', privilege: 14 }));
  neighbour.punches.append({ pin: '1001', time: 1, state: 0, verify: 1, workCode: 0 });
  neighbour.settings.save({ duplicateWindowSeconds: 1 } as ClockSettings);
  const store = shared.clock('CLOCK00001');
  return {
    ports: store,
    dispose: () => {
      store.close();
      neighbour.close();
      shared.close();
      dir.remove();
    },
  };
});
