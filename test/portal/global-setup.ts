// Unpacks the Chromium packaged in @sparticuz/chromium once, before vitest forks its test processes: two
// processes unpacking to the same /tmp/chromium at once would each launch a half-written file.
import { unpackPackagedChromium } from './browser.js';

export default async function setup(): Promise<void> {
  if (process.env['CHROME_PATH']) return;
  // A failure here is reported by launchBrowser, with the other browsers it tried, in the tests that need one.
  await unpackPackagedChromium().catch(() => undefined);
}
