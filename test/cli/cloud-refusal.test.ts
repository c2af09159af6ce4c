// What a refused clock is told to do, for each refusal the reference cloud gives (its answers' own text),
// and nothing for problems that are not refusals (a cloud that does not answer is not fixed in a portal).
import { describe, expect, it } from 'vitest';
import { refusalAdvice } from '../../src/cli/cloud-refusal.js';

const URL = 'https://cloud.lan:8081';

describe('refusalAdvice', () => {
  it('names the portal page, the API call and --auto-register for an unregistered clock (403)', () => {
    const problem =
      'handshake: HTTP 403 "Error: device TC1A000001 is not registered with this server; it waits for an admin to accept it"';

    const advice = refusalAdvice(problem, `${URL}/`, 'TC1A000001');

    expect(advice).toContain(`${URL}/clocks`);
    expect(advice).toContain(`POST ${URL}/api/clocks {"sn":"TC1A000001"}`);
    expect(advice).toContain('--auto-register');
  });

  it.each([
    'getrequest: HTTP 401 "Error: wrong device key for TC1A000001"',
    'handshake: HTTP 401 "Error: device TC1A000001 must send its device key (Authorization: Bearer); a new one is issued in the portal"',
  ])('says how to issue a key and give it with --cloud-key for %s', (problem) => {
    const advice = refusalAdvice(problem, URL, 'TC1A000001');

    expect(advice).toContain(`POST ${URL}/api/clocks/TC1A000001/key`);
    expect(advice).toContain('--cloud-key KEY');
  });

  it('has nothing to say about a cloud that does not answer', () => {
    expect(refusalAdvice('handshake: connect ECONNREFUSED 127.0.0.1:8081', URL, 'TC1A000001')).toBeUndefined();
  });
});
