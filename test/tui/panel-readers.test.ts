// The panel's readers: a finger chosen from the enrolled list, any finger of anyone (or a newcomer's), a
// poor read; a card chosen from the known ones or typed; what the clock answers is read off the device screen.
import { describe, expect, it } from 'vitest';
import {
  KEYS,
  expectRefused,
  choose,
  nextTurn,
  openHarnessForTest,
  type Harness,
  openCardNumberLine,
} from './harness.js';

/** Places a finger through "Another finger…": whose, then which. */
function placeAnother(h: Harness, person: string, finger: string): void {
  h.type('f');
  choose(h, 'Another finger');
  choose(h, person);
  choose(h, finger);
}

/** A Manager (Maria Garcia, by her finger) enrolls `finger` for badge `pin`: three scans of the one chosen. */
function enrollAsManager(h: Harness, pin: string, fid: number, place: () => void): void {
  h.type('m', 'f');
  choose(h, 'Maria Garcia  2001  right-index');
  h.type('1', pin, KEYS.enter, String(fid), KEYS.enter);
  place();
  for (let scan = 2; scan <= 3; scan++) {
    h.type('f');
    choose(h, '(not enrolled)');
  }
}

describe('the finger reader', () => {
  it('lists every enrolled finger with name, badge and finger, then a way to any other finger', async () => {
    const h = await openHarnessForTest();

    h.type('f');

    const text = h.tui.text();
    expect(text).toContain('Place a finger');
    expect(text).toContain('Ana Lopez  1001  right-index');
    expect(text).toContain('Bruno Silva  1002  right-thumb');
    expect(text).toContain('Admin Park  9001  left-ring');
    expect(text).toContain('Another finger');
  });

  it('identifies a secure user by the finger chosen from the list', async () => {
    const h = await openHarnessForTest();

    h.type('f', KEYS.enter);

    expect(h.tui.deviceText()).toContain('Thank you, Ana Lopez');
    expect(h.clock.punches()).toMatchObject([{ pin: '1001', verify: 1 }]);
  });

  it('offers every finger of every employee, saying which are enrolled', async () => {
    const h = await openHarnessForTest();

    h.type('f');
    choose(h, 'Another finger');
    const people = h.tui.text();
    choose(h, 'Chen Wei  1003');
    const fingers = h.tui.text();

    expect(people).toContain('Dana Smith  1004');
    expect(people).toContain('Someone new');
    expect(fingers).toContain('Chen Wei  1003: which finger?');
    expect(fingers).toMatch(/left-little\s+not enrolled/);
    expect(fingers).toMatch(/right-little\s+not enrolled/);
  });

  it.each<[title: string, place: (h: Harness) => void, answer: string]>([
    ['answers a poor read of an enrolled finger with "Poor image"', (h) => h.type('p', KEYS.enter), 'Poor image'],
    [
      'does not identify anybody by a finger of an employee that was never enrolled',
      (h) => placeAnother(h, 'Chen Wei  1003', 'right-index'),
      'Verification failed',
    ],
  ])('%s', async (_title, place, answer) => {
    const h = await openHarnessForTest();

    place(h);

    expectRefused(h, answer);
  });

  it('punches as Chen Wei with his finger once a Manager enrolled it, and only with that finger', async () => {
    const h = await openHarnessForTest();
    enrollAsManager(h, '1003', 6, () => placeAnother(h, 'Chen Wei  1003', 'right-index'));
    const enrolled = h.tui.deviceText();
    h.type(KEYS.escape, KEYS.escape);

    placeAnother(h, 'Chen Wei  1003', 'right-index');
    const punched = h.tui.deviceText();
    h.type(KEYS.escape);
    placeAnother(h, 'Someone new', 'right-index');

    expect(enrolled).toMatch(/ID 1003 {2}right-index\n+Enrolled/);
    expect(punched).toContain('Thank you, Chen Wei');
    expect(h.tui.deviceText()).toContain('Verification failed');
    expect(h.clock.punches()).toMatchObject([{ pin: '1003', verify: 1 }]);
  });

  it("keeps newcomers apart: one enrolled for Chen Wei does not make the next newcomer's finger his", async () => {
    const h = await openHarnessForTest();
    enrollAsManager(h, '1003', 6, () => placeAnother(h, 'Someone new', 'right-index'));
    h.type(KEYS.escape, KEYS.escape);

    h.type('f');
    const list = h.tui.text();
    h.type(KEYS.escape);
    placeAnother(h, 'Someone new', 'right-index');
    const stranger = h.tui.deviceText();
    h.type(KEYS.escape);
    enrollAsManager(h, '1004', 6, () => placeAnother(h, 'Someone new', 'right-index'));

    expect(list).toContain("Chen Wei  1003  right-index  (Newcomer 1's hand)");
    expect(stranger).toContain('Verification failed');
    expect(h.clock.records.templates.listFor('1004')).toHaveLength(1);
  });

  it('closes the list with Esc and leaves the keypad keys to the clock again', async () => {
    const h = await openHarnessForTest();

    h.type('f', KEYS.escape, '1002', KEYS.enter);

    expect(h.tui.text()).not.toContain('Place a finger');
    expect(h.tui.deviceText()).toContain('Thank you, Bruno Silva');
  });
});

describe('the card reader', () => {
  it('identifies the owner of a known card chosen from the list', async () => {
    const h = await openHarnessForTest();

    h.type('c');
    const list = h.tui.text();
    h.type(KEYS.down, KEYS.enter);

    expect(list).toContain('Ana Lopez  1001  card 3809012973');
    expect(h.tui.deviceText()).toContain('Thank you, Bruno Silva');
  });

  it('taps a card whose number is typed, and the clock answers "Unknown card" for a stranger', async () => {
    const h = await openHarnessForTest();

    await openCardNumberLine(h);
    h.type('12345', KEYS.enter);

    expect(h.tui.deviceText()).toContain('Unknown card');
  });

  it('says in the log pane why a typed number is refused, and the clock is untouched', async () => {
    const h = await openHarnessForTest();

    await openCardNumberLine(h);
    h.type('12ab', KEYS.enter);
    await nextTurn();

    expect(h.tui.text()).toContain('panel: tapCard: "12ab" is not a');
    expect(h.tui.deviceText()).toContain('Enter ID, finger or card');
  });
});
