// The room walls: the lint rule finds an import that reaches past another room's index.ts (`npm run
// lint` runs it over the house), and the package names its public surface (no `export *`), with sub-entry points for the
// firmware and the serial bridges.
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

async function lintText(file: string, text: string, rule = 'walls/through-index') {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(text, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === rule);
}

describe('room walls', () => {
  it('reports an import that reaches past another room’s index, and not one through it', async () => {
    const deep = await lintText('src/store/wall-probe.ts', "export { newUser } from '../../firmware/users.js';\n");
    expect(deep).toHaveLength(1);
    expect(deep[0]!.message).toContain('firmware/index.ts');
    const door = await lintText('src/store/wall-probe.ts', "export { newUser } from '../../firmware/index.js';\n");
    expect(door).toEqual([]);
    const inside = await lintText('src/store/wall-probe.ts', "export { openStore } from './open.js';\n");
    expect(inside).toEqual([]);
  });

  it('keeps the cloud’s layers as rooms: a layer through another’s index, the cloud’s hall open to them', async () => {
    const deep = await lintText('src/cloud/web/wall-probe.ts', "export { Portal } from '../domain/portal.js';\n");
    expect(deep).toHaveLength(1);
    expect(deep[0]!.message).toContain('src/cloud/domain/index.ts');
    expect(await lintText('src/cloud/web/wall-probe.ts', "export { Portal } from '../domain/index.js';\n")).toEqual([]);
    expect(await lintText('src/cloud/api/wall-probe.ts', "export type { Employee } from '../types.js';\n")).toEqual([]);
    // From outside, the cloud is one room: its layers are not doors.
    const outside = await lintText('src/cli/wall-probe.ts', "export { Portal } from '../cloud/domain/index.js';\n");
    expect(outside.map((m) => m.message)).toEqual([expect.stringContaining('src/cloud/index.ts')]);
  });

  it('keeps the cloud’s faces off its database, and every layer from reaching up', async () => {
    const layers = (file: string, text: string) => lintText(file, text, 'walls/cloud-layers');
    for (const face of ['push', 'api', 'web']) {
      const found = await layers(
        `src/cloud/${face}/wall-probe.ts`,
        "import type { CloudStore } from '../db/index.js';\n",
      );
      expect(found.map((m) => m.message)).toEqual([expect.stringContaining('only through cloud/domain/')]);
      expect(
        await layers(`src/cloud/${face}/wall-probe.ts`, "import type { Portal } from '../domain/index.js';\n"),
      ).toEqual([]);
    }
    expect(
      await layers('src/cloud/domain/wall-probe.ts', "import type { CloudStore } from '../db/index.js';\n"),
    ).toEqual([]);
    const up = await layers('src/cloud/db/wall-probe.ts', "import type { Portal } from '../domain/index.js';\n");
    expect(up.map((m) => m.message)).toEqual([expect.stringContaining('may not import')]);
    const faceFromDomain = await layers(
      'src/cloud/domain/wall-probe.ts',
      "export { apiRoutes } from '../api/index.js';\n",
    );
    expect(faceFromDomain).toHaveLength(1);
    // The wiring at the cloud's top assembles every layer.
    expect(await layers('src/cloud/wall-probe.ts', "import type { CloudStore } from './db/index.js';\n")).toEqual([]);
  });

  it('names what the package exports, and serves the firmware and the serial room as sub-entries', async () => {
    const index = fs.readFileSync(path.join(root, 'src/index.ts'), 'utf8');
    expect(index).not.toMatch(/export \* from/);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.exports)).toEqual(expect.arrayContaining(['.', './firmware', './serial']));
    // dist/ is what `npm install` (prepare) and `npm pack` build; each entry points into it.
    const built = fs.existsSync(path.join(root, 'dist/src/index.js'));
    for (const entry of ['.', './firmware', './serial']) {
      const target = path.join(root, pkg.exports[entry].import);
      expect(target.startsWith(path.join(root, 'dist') + path.sep)).toBe(true);
      if (built) expect(fs.existsSync(target), target).toBe(true);
    }
    if (built) {
      const firmware = await import(path.join(root, pkg.exports['./firmware'].import));
      expect(typeof firmware.clockMachine).toBe('object');
    }
  });
});
