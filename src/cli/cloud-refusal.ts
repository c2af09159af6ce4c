// What a clock refused by its cloud should do about it. The PUSH answer says why (403: the cloud does not
// know this serial number; 401: its device key is missing or wrong), but the fix is on the cloud's side,
// and a person looking at the clock needs to be told where: the portal page, the API call or the flag.

/** The next step for a refusal the sync link reported as its problem, or undefined for other problems. */
export function refusalAdvice(problem: string, server: string, serialNumber: string): string | undefined {
  const base = server.replace(/\/+$/, '');
  if (/\b403\b/.test(problem) && /not registered/.test(problem)) {
    return (
      `the cloud at ${base} does not know this clock (SN ${serialNumber}): register it there, either on ` +
      `the portal's Clocks page (${base}/clocks, Pending: Accept), or with ` +
      `POST ${base}/api/clocks {"sn":"${serialNumber}"} (a SysAdmin's token), or start that cloud with ` +
      '--auto-register; the clock tries again by itself'
    );
  }
  if (/\b401\b/.test(problem) && /device key/.test(problem)) {
    return (
      `the cloud at ${base} refused this clock's device key (SN ${serialNumber}): issue a new one ` +
      `(portal: Clocks > ${serialNumber}, or POST ${base}/api/clocks/${serialNumber}/key) and give it to ` +
      'the clock with --cloud-key KEY'
    );
  }
  return undefined;
}
