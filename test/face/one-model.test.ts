// One frame model, two views: for the same screens, the terminal UI (a real blessed screen) and the face
// page (served by the face's own server over loopback HTTP, first render and event stream) draw the
// same rows — the rows faceRows() lays out from the clock's frame.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { faceRows, startFaceServer, type FaceServer, type FaceView } from '../../src/face/index.js';
import { openHarness, type Harness } from '../tui/harness.js';

let h: Harness;
let face: FaceServer;

beforeAll(async () => {
  h = await openHarness({ cloud: 'none' });
  face = await startFaceServer(
    { clock: h.clock, cloud: () => undefined },
    { port: 0, logger: createLogger({ level: 'silent' }) },
  );
});

afterAll(async () => {
  await face?.close();
  await h?.close();
});

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The screen's rows in the page's first render: each `.row`, tags stripped, trailing spaces trimmed. */
async function pageRows(): Promise<string[]> {
  const html = await (await fetch(face.url)).text();
  const screen = html.slice(html.indexOf('id="screen"'));
  return [...screen.matchAll(/<div class="row(?: status)?">([\s\S]*?)<\/div>/g)]
    .slice(0, h.clock.model.screen.rows)
    .map((m) =>
      m[1]!
        .replace(/<[^>]*>/g, '')
        .replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!)
        .trimEnd(),
    );
}

/** The first frame the page's event stream sends, as the page's script lays it out. */
function streamedRows(): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${face.url}/frames`, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        const frame = /event: frame\ndata: (.*)\n\n/.exec(text);
        if (!frame) return;
        request.destroy();
        resolve(faceRows((JSON.parse(frame[1]!) as { view: FaceView }).view));
      });
    });
    request.on('error', reject);
  });
}

function terminalRows(): string[] {
  return h.tui.deviceText().split('\n');
}

async function sameOnBoth(): Promise<string[]> {
  const terminal = terminalRows();
  expect(await pageRows()).toEqual(terminal);
  expect(await streamedRows()).toEqual(terminal);
  return terminal;
}

describe('the terminal and the page draw one frame model', () => {
  it('draws the idle screen the same', async () => {
    const rows = await sameOnBoth();
    expect(rows[0]).toMatch(/^≡ \d\d:\d\d/);
  });

  it('draws ID entry the same', async () => {
    h.clock.press('1');
    h.clock.press('0');
    expect((await sameOnBoth()).join('\n')).toContain('10_');
  });

  it('draws a result the same', async () => {
    for (const key of ['0', '9', 'OK'] as const) h.clock.press(key);
    expect((await sameOnBoth()).join('\n')).toContain('Unknown User');
  });

  it('draws the menu sign-in the same', async () => {
    h.clock.press('ESC');
    h.clock.press('MENU');
    expect((await sameOnBoth())[0]).toContain('Menu');
  });

  it('draws both icons crossed out the same when the network is unplugged', async () => {
    h.clock.press('ESC');
    h.clock.setLink(false);
    expect((await sameOnBoth())[0]).toMatch(/⇄x ☁x$/);
  });
});
