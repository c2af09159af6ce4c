// Bytes a process allocates over a window, by the function that allocated them: V8's sampling heap profiler
// through the inspector, counting the sampled objects that the collector already took back too (the
// default counts only what is still alive, which for a poll's garbage is nearly nothing). A benchmark reads
// it as bytes per poll (fleet.ts --alloc). Sampling slows the process: never beside a CPU figure.
import { Session } from 'node:inspector/promises';

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SamplingNode[];
}

export interface Allocations {
  bytes: number;
  /** The functions that allocated most, bytes each, largest first. */
  top: { where: string; bytes: number }[];
}

/** Starts sampling every `intervalBytes` (on average); stop() gives what was allocated since. */
export async function sampleAllocations(intervalBytes = 4096): Promise<{ stop(): Promise<Allocations> }> {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: intervalBytes,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  return {
    async stop() {
      const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: { head: SamplingNode } };
      session.disconnect();
      const by = new Map<string, number>();
      const visit = (node: SamplingNode) => {
        const { functionName, url, lineNumber } = node.callFrame;
        const where = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(src|firmware|node_modules)\//, '$1/')}:${lineNumber + 1}`;
        if (node.selfSize > 0) by.set(where, (by.get(where) ?? 0) + node.selfSize);
        node.children.forEach(visit);
      };
      visit(profile.head);
      const top = [...by].map(([where, bytes]) => ({ where, bytes })).sort((a, b) => b.bytes - a.bytes);
      return { bytes: top.reduce((sum, t) => sum + t.bytes, 0), top: top.slice(0, 15) };
    },
  };
}
