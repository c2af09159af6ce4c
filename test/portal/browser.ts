// Chromium for the portal's end-to-end tests: where to find one on this machine, and how to start it
// headless as root in a sandbox with no network.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Flags for root without a sandbox and without network: no GPU, no QUIC, no background traffic. */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const debianChromiumPath = '/usr/bin/chromium';

const launchTimeoutMs = 30_000;
const stderrLines = 8;

interface Candidate {
  readonly source: string;
  readonly executablePath: () => Promise<string>;
}

/**
 * Unpacks the Chromium shipped inside the npm package @sparticuz/chromium (to /tmp/chromium, once) and
 * returns its path. The package returns an existing /tmp/chromium without looking at it, so an extraction
 * that was cut short, or one left by another version of the package, stays until it is deleted.
 */
export async function unpackPackagedChromium(): Promise<string> {
  const { default: packaged } = await import('@sparticuz/chromium');
  return packaged.executablePath();
}

function candidates(env: NodeJS.ProcessEnv): Candidate[] {
  const chromePath = env['CHROME_PATH'];
  // A path the user names is the only one tried: falling back would test another browser than asked.
  if (chromePath !== undefined && chromePath !== '') {
    return [{ source: `CHROME_PATH=${chromePath}`, executablePath: () => Promise.resolve(chromePath) }];
  }
  return [
    { source: 'the npm package @sparticuz/chromium', executablePath: unpackPackagedChromium },
    {
      source: `Debian's chromium (${debianChromiumPath})`,
      executablePath: () =>
        existsSync(debianChromiumPath)
          ? Promise.resolve(debianChromiumPath)
          : Promise.reject(new Error(`${debianChromiumPath} does not exist`)),
    },
  ];
}

/**
 * Launches headless Chromium with a fresh profile: the one CHROME_PATH names, else the one packaged in
 * @sparticuz/chromium, else Debian's /usr/bin/chromium. Throws, saying what was tried and how to get a
 * browser, when none starts; a portal test fails then, it never skips.
 */
export async function launchBrowser(
  env: NodeJS.ProcessEnv = process.env,
  extraArgs: readonly string[] = [],
): Promise<Browser> {
  const failures: string[] = [];
  for (const candidate of candidates(env)) {
    let executablePath: string | undefined;
    try {
      executablePath = await candidate.executablePath();
      return await chromium.launch({
        executablePath,
        headless: true,
        args: [...chromiumArgs, ...extraArgs],
        timeout: launchTimeoutMs,
      });
    } catch (error) {
      const at =
        executablePath === undefined || candidate.source.includes(executablePath) ? '' : ` at ${executablePath}`;
      failures.push(`- ${candidate.source}${at}: ${summary(error)}`);
    }
  }
  throw new Error(
    [
      'launchBrowser: no Chromium could be launched. Tried:',
      ...failures,
      'To get one: set CHROME_PATH to a Chromium or Chrome executable; or run `npm install`, which brings',
      'the devDependency @sparticuz/chromium (unpacked to /tmp/chromium: delete that file if an earlier',
      'unpacking was cut short); or `apt-get install chromium` for /usr/bin/chromium.',
    ].join('\n'),
  );
}

// Playwright's first line says little ("browser has been closed"); the browser's own complaint, such as a
// missing shared library, is in its stderr lines, which the message repeats among the launch log.
function summary(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const [first = message, ...rest] = message.split('\n');
  const logs = rest.slice(
    0,
    Math.max(
      0,
      rest.findIndex((line) => line.startsWith('Call log:')),
    ),
  );
  const stderr = logs.filter((line) => line.includes('[err]')).slice(0, stderrLines);
  return [first, ...stderr.map((line) => line.trim())].join('\n    ');
}
