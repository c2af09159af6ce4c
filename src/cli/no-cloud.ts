// The cloud link of `--cloud none`: a switch that says no cloud is configured, and nothing behind it. Apart
// from cloud-link.ts, so that a run without a cloud loads neither the cloud nor its web server.
import type { CloudLink } from './cloud-link.js';

export function noCloudLink(): CloudLink {
  return {
    control: {
      target: 'none',
      status: () => ({ reachable: false, detail: 'no cloud configured (--cloud none)' }),
      setReachable: () => {},
      onChange: () => () => {},
    },
    url: undefined,
    cloud: undefined,
    firstAccount: undefined,
    keptAccount: undefined,
    portal: undefined,
    whenIdle: async () => {},
    stop: async () => {},
  };
}
