// The Clocks pages: the list and one clock with its online state, counts, command lives with the meaning
// of their Return codes and the changes the portal did not take; a SysAdmin's actions, a reader's refusal.
import { describe, expect, it } from 'vitest';
import type { PushCommand } from '../../src/protocol/index.js';
import { READER, startPortal } from './portal-harness.js';
import { onlineClock } from './wire-clock.js';

const SN = 'TC1A000001';

describe('the clocks pages', () => {
  it('lists each clock with its state, last seen, firmware, the counts from INFO and its pending commands', async () => {
    const portal = await startPortal();
    const clock = await onlineClock(portal, SN);
    await clock.reportInfo('Ver 6.60 Nov 2026,3,2,10,192.168.1.20,10');
    portal.cloud.portal.queueCommand(SN, { kind: 'check' });
    const browser = portal.client();
    await browser.signIn();

    const page = await browser.get('/clocks');

    expect(page.status).toBe(200);
    const row = /<tr data-sn="TC1A000001">(.*?)<\/tr>/s.exec(page.html)?.[1] ?? '';
    expect(row).toContain('Online');
    expect(row).toContain('2026-11-25 08:00:00 UTC');
    expect(row).toContain('Ver 6.60 Nov 2026');
    expect(row).toMatch(/>3<\/td><td class="number">2<\/td><td class="number">10<\/td><td class="number">1<\/td>/);
    expect(page.html).toContain('seen within 3 × Delay (30 s)');
  });

  it('calls a clock not seen within 3 × Delay offline, as the red dot or X on its screen would', async () => {
    const portal = await startPortal();
    await onlineClock(portal, SN);
    const browser = portal.client();
    await browser.signIn();

    portal.time.now += 31_000;
    const page = await browser.get('/clocks');

    const row = /<tr data-sn="TC1A000001">(.*?)<\/tr>/s.exec(page.html)?.[1] ?? '';
    expect(row).toContain('Offline');
    expect(row).not.toContain('Online');
    expect(row).toContain('(31 s ago)');
    expect(page.html).toContain('shows a red dot or an X');
  });

  it('answers 404 with the portal’s page for a serial number it does not know', async () => {
    const portal = await startPortal();
    const browser = portal.client();
    await browser.signIn();

    const page = await browser.get('/clocks/TC9Z999999');

    expect(page.status).toBe(404);
    expect(page.html).toContain('There is no clock with serial number TC9Z999999');
  });

  it('shows a command’s life from queued through sent to done with Return 0 success', async () => {
    const { clock, browser, id } = await onlineWithQueued({ kind: 'info' });

    const queued = await browser.get(`/clocks/${SN}`);
    await clock.drain();
    const done = await browser.get(`/clocks/${SN}`);

    expect(commandRow(queued.html, id)).toContain('waiting for the clock to poll');
    const row = commandRow(done.html, id);
    expect(row).toContain('data-state="done"');
    expect(row).toMatch(/queued .*→?.*sent .*done /s);
    expect(row).toContain('done: Return 0 success');
    // INFO's answer names the model.
    expect(done.html).toContain('<dt>Model</dt><dd>TC-Bio 700</dd>');
  });

  it('shows a failed command with its Return code and what the code means', async () => {
    const { clock, browser, id } = await onlineWithQueued({ kind: 'raw', text: 'USER ADD PIN=1001' });

    await clock.drain();
    const page = await browser.get(`/clocks/${SN}`);

    expect(commandRow(page.html, id)).toContain('failed: Return \u22121002 not supported');
  });

  it('shows the changes the clock reported that the portal did not take', async () => {
    const portal = await startPortal();
    const clock = await onlineClock(portal, SN);
    okValue(
      portal.cloud.portal.createEmployee({
        employeeId: 'E-7',
        firstName: 'Ana',
        lastName: 'Lopez',
        badge: '1001',
        clocks: [SN],
      }),
    );
    const browser = portal.client();
    await browser.signIn();

    await clock.uploadOperlog([
      'USER PIN=1001\tName=Ana Lopez\tPri=14\tPasswd=\tCard=\tGrp=1\tTZ=0000000000000000\tVerify=0',
    ]);
    const page = await browser.get(`/clocks/${SN}`);

    expect(page.html).toContain('The portal is the authority for clock role and non-secure');
    const changes = /<table class="changes">(.*?)<\/table>/s.exec(page.html)?.[1] ?? '';
    expect(changes).toContain('<a href="/employees/E-7">1001</a>');
    expect(changes).toContain('<td>clock role</td><td>administrator</td><td>user</td>');
    expect(changes).toContain('verify mode (non-secure)');
  });

  it('queues REBOOT when a SysAdmin presses Reboot, and says so', async () => {
    const portal = await startPortal();
    await onlineClock(portal, SN);
    const browser = portal.client();
    await browser.signIn();

    const reply = await browser.post(`/clocks/${SN}/reboot`, {}, `/clocks/${SN}`);

    expect(reply).toMatchObject({ status: 303, location: `/clocks/${SN}?done=reboot` });
    expect(kinds(portal, SN)).toEqual(['reboot']);
    expect((await browser.get(reply.location!)).html).toContain('REBOOT queued');
  });

  it('sets the stamps to 0 and queues CHECK on Re-upload all punches', async () => {
    const portal = await startPortal();
    const clock = await onlineClock(portal, SN);
    await clock.uploadPunches(['1001\t2026-11-25 08:02:11\t0\t1\t0\t0\t0'], '7');
    const browser = portal.client();
    await browser.signIn();

    await browser.post(`/clocks/${SN}/reupload`, {}, `/clocks/${SN}`);

    expect(kinds(portal, SN)).toEqual(['check']);
    expect(portal.cloud.store.clocks.get(SN, portal.time.now, 30_000)).toMatchObject({
      attlogStamp: '0',
      operlogStamp: '0',
    });
    expect(await clock.handshake()).toMatchObject({ body: expect.stringContaining('ATTLOGStamp=0') });
  });

  it('queues every assigned employee’s profile again on Send every assigned employee again', async () => {
    const portal = await startPortal();
    const clock = await onlineClock(portal, SN);
    for (const [employeeId, badge] of [
      ['E-1', '1001'],
      ['E-2', '1002'],
    ] as const) {
      okValue(
        portal.cloud.portal.createEmployee({ employeeId, firstName: 'A', lastName: employeeId, badge, clocks: [SN] }),
      );
    }
    await clock.drain();
    const browser = portal.client();
    await browser.signIn();

    await browser.post(`/clocks/${SN}/resend`, {}, `/clocks/${SN}`);

    const pending = portal.cloud.store.commands.list({ sn: SN, state: 'queued', limit: 100 });
    const pins = pending.flatMap((c) => (c.command.kind === 'update-user' ? [c.command.user.pin] : []));
    expect(pins).toEqual(['1001', '1002']);
  });

  it('shows a read-only account no action buttons and refuses its posts with 403', async () => {
    const portal = await startPortal();
    await onlineClock(portal, SN);
    const browser = portal.client();
    await browser.signIn(READER);

    const page = await browser.get(`/clocks/${SN}`);
    const replies = await Promise.all(
      ['reboot', 'reupload', 'resend'].map((action) => browser.post(`/clocks/${SN}/${action}`, {}, `/clocks/${SN}`)),
    );

    expect(page.html).not.toContain('<button type="submit">Reboot</button>');
    expect(page.html).not.toContain('Re-upload all punches</button>');
    expect(page.html).not.toContain('Send every assigned employee again</button>');
    expect(replies.map((r) => r.status)).toEqual([403, 403, 403]);
    expect(replies[0]!.html).toContain('Your account is read-only');
    expect(kinds(portal, SN)).toEqual([]);
  });
});

/** A portal with clock SN online, a SysAdmin signed in, and `command` queued for the clock: its id. */
async function onlineWithQueued(command: PushCommand) {
  const portal = await startPortal();
  const clock = await onlineClock(portal, SN);
  const browser = portal.client();
  await browser.signIn();
  const { id } = okValue(portal.cloud.portal.queueCommand(SN, command));
  return { clock, browser, id };
}

function okValue<T>(result: { ok: true; value: T } | { ok: false; problem: { message: string } }): T {
  if (!result.ok) throw new Error(result.problem.message);
  return result.value;
}

function commandRow(html: string, id: string): string {
  return new RegExp(`<tr data-command="${id}".*?</tr>`, 's').exec(html)?.[0] ?? `(no row for command ${id})`;
}

function kinds(portal: Awaited<ReturnType<typeof startPortal>>, sn: string): string[] {
  return portal.cloud.store.commands.list({ sn, state: 'queued', limit: 100 }).map((c) => c.command.kind);
}
