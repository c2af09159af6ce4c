// `menu: [Settings, About device]`: opens the menu (verifying as an administrator when the clock asks)
// and picks each item by reading its number off the screen, as a person would.
import type { Key } from '../../firmware/index.js';
import type { MenuLogin } from './types.js';
import type { World } from './world.js';
import { codedError } from '../errors.js';

/** `> 1. User management`, `  2. Settings`, `1. Enroll fingerprint`, `1. DHCP: on`. */
const ITEM = /^(?:[> ] )?(\d)\. (.+?)\s*$/;

export async function walkMenu(world: World, on: string, path: readonly string[], login?: MenuLogin): Promise<void> {
  const clock = world.clock(on);
  const press = (key: Key) => world.act(on, { press: key });
  if (!clock.frame().screen.startsWith('menu.')) {
    if (clock.frame().screen !== 'idle') await press('ESC');
    await press('MENU');
    if (clock.frame().screen === 'menuAuth') await verify(world, on, login);
    const screen = clock.frame().screen;
    if (!screen.startsWith('menu.')) {
      throw codedError('TC_ERR_SCENARIO_STEP', `menu: the menu did not open; the screen shows "${bodyOf(world, on)}"`);
    }
  }
  for (const label of path) {
    const items = clock.frame().lines.flatMap((line) => {
      const m = ITEM.exec(line);
      return m ? [{ digit: m[1] as Key, label: m[2]! }] : [];
    });
    const wanted = label.toLowerCase();
    const item = items.find((i) => i.label.toLowerCase() === wanted || i.label.split(':')[0]!.toLowerCase() === wanted);
    if (item === undefined) {
      const shown = items.map((i) => `${i.digit}. ${i.label}`).join(', ') || 'no numbered items';
      throw codedError(
        'TC_ERR_SCENARIO_STEP',
        `menu: no item "${label}" on the ${clock.frame().title} page; it shows: ${shown}`,
      );
    }
    await press(item.digit);
  }
}

async function verify(world: World, on: string, login: MenuLogin | undefined): Promise<void> {
  if (login === undefined) {
    throw codedError(
      'TC_ERR_SCENARIO_STEP',
      'menu: the clock asks for an administrator’s verification: write menu: { path: […], as: BADGE }',
    );
  }
  if ('finger' in login) return world.act(on, { finger: login.finger, quality: 'good' });
  if ('card' in login) return world.act(on, { card: login.card });
  for (const digit of login.badge) await world.act(on, { press: digit as Key });
  await world.act(on, { press: 'OK' });
  if (world.clock(on).frame().screen === 'secondFactor' && login.password !== undefined) {
    for (const digit of login.password) await world.act(on, { press: digit as Key });
    await world.act(on, { press: 'OK' });
  }
}

function bodyOf(world: World, on: string): string {
  return world
    .clock(on)
    .frame()
    .lines.filter((l) => l.trim() !== '')
    .join(' | ');
}
