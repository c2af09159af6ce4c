// The SQLite adapter held to the shared port contract, on a real file per test.
import { openSqlitePorts } from '../../src/store/index.js';
import { describePortContract } from './port-contract.js';
import { makeTempDir } from './temp-dir.js';

describePortContract('SQLite', () => {
  const dir = makeTempDir();
  const store = openSqlitePorts(dir.file('clock.db'));
  return {
    ports: store,
    dispose: () => {
      store.close();
      dir.remove();
    },
  };
});

// A fleet's clock: a cache of a few pages, on a connection opened afresh after the migrations.
describePortContract('SQLite with a small cache (a fleet clock)', () => {
  const dir = makeTempDir();
  const store = openSqlitePorts(dir.file('clock.db'), { synchronous: 'normal', cachePages: 2 });
  return {
    ports: store,
    dispose: () => {
      store.close();
      dir.remove();
    },
  };
});
