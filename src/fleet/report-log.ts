// A report carried in a log: one line, `timeclock-fleet-report <gzip, base64>`, that a shard prints on
// stdout (`--report-log`), so that a cluster's shards need no shared volume: `kubectl logs` of each pod
// is a file `fleet merge` reads. Gzip keeps 10,000 clocks' report to a few hundred KiB; one line, since
// the container runtime splits long lines and `kubectl logs` joins them again.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FleetReport } from './report.js';
import { codedError } from '../errors.js';

export const REPORT_LOG_PREFIX = 'timeclock-fleet-report ';

export function reportLogLine(report: FleetReport): string {
  return `${REPORT_LOG_PREFIX}${gzipSync(JSON.stringify(report)).toString('base64')}`;
}

/**
 * The report a log holds (its last report line: a pod restarted in place printed the earlier one first);
 * undefined when it holds none. Throws naming what is wrong with a line that is cut or garbled.
 */
export function reportFromLog(text: string): unknown {
  const lines = text.split(/\r?\n/).filter((line) => line.includes(REPORT_LOG_PREFIX));
  const last = lines.at(-1);
  if (last === undefined) return undefined;
  const encoded = last.slice(last.indexOf(REPORT_LOG_PREFIX) + REPORT_LOG_PREFIX.length).trim();
  let json: string;
  try {
    json = gunzipSync(Buffer.from(encoded, 'base64')).toString('utf8');
  } catch (error) {
    throw codedError('TC_ERR_FLEET_REPORT', `its report line is cut or garbled (${(error as Error).message})`, {
      cause: error,
    });
  }
  return JSON.parse(json) as unknown;
}
