// The room walls: the lint rule finds an import that reaches past another room's index.ts (`npm run
// lint` runs it over the house), and the package names its public surface (no `export *`), with sub-entry points for the
// firmware and the serial bridges.
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

async function lintText(file: string, text: string) {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(text, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'walls/through-index');
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
