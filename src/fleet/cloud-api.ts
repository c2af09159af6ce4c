// The portal's JSON API as the fleet uses it, with a bearer token: seeding clocks and their employees,
// the portal changes of a profile, and reading back the punches the server stored. The same calls serve
// the embedded cloud and any cloud of ours at a URL.
import type { FleetEmployee } from './identity.js';
import { TimeclockError } from '../errors.js';

export interface StoredPunch {
  id: number;
  sn: string;
  pin: string;
  /** `YYYY-MM-DD HH:MM:SS`, the clock's local time as uploaded. */
  timeText: string;
}

/** What a portal change queued: the commands' ids, by clock. */
export type Queued = { id: string; sn: string }[];

export class CloudApiError extends TimeclockError<'TC_ERR_CLOUD_API'> {
  override name = 'CloudApiError';
  constructor(message: string) {
    super('TC_ERR_CLOUD_API', message);
  }
}

export class CloudApi {
  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  async registerClock(sn: string): Promise<void> {
    await this.call('POST', '/api/clocks', { sn });
  }

  /** Creates the employee on the clock; an employee already there (a run before) is left as it is. */
  async createEmployee(employee: FleetEmployee, sn: string): Promise<Queued> {
    const { template, ...fields } = employee;
    const body = { ...fields, nonSecure: true, clocks: [sn], templates: [{ fid: 6, template, valid: true }] };
    return queuedOf(await this.call('POST', '/api/employees', body, [409]));
  }

  async setNonSecure(employeeId: string, nonSecure: boolean): Promise<Queued> {
    return queuedOf(await this.call('PUT', `/api/employees/${employeeId}/clocks`, { nonSecure }));
  }

  /** The portal's Add/Remove with these clocks checked. */
  async addRemove(employeeId: string, clocks: string[]): Promise<Queued> {
    return queuedOf(await this.call('POST', `/api/employees/${employeeId}/add-remove`, { clocks }));
  }

  /** Every punch the server stored, page by page. */
  async *punches(pageSize = 50_000): AsyncGenerator<StoredPunch[]> {
    let after = 0;
    for (;;) {
      const page = (await this.call('GET', `/api/punches?after=${after}&limit=${pageSize}`)) as StoredPunch[];
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1]!.id;
      if (page.length < pageSize) return;
    }
  }

  private async call(method: string, path: string, body?: object, allowed: number[] = []): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new CloudApiError(`${method} ${path}: cannot reach ${this.url} (${(error as Error).message})`);
    }
    const text = await response.text();
    if (allowed.includes(response.status)) return undefined;
    if (!response.ok) {
      const reason = /"error":"([^"]*)"/.exec(text)?.[1] ?? text.slice(0, 200);
      throw new CloudApiError(`${method} ${path}: HTTP ${response.status} ${reason}`);
    }
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  }
}

function queuedOf(answer: unknown): Queued {
  return (answer as { queued?: Queued } | undefined)?.queued ?? [];
}

/** Runs `work` on every item with at most `limit` at a time; the first failure rejects once all settled. */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (next < items.length && failure === undefined) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure;
}
