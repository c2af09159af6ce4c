// The documents' shell blocks as readers follow them: the blocks under one heading one after another in a
// scratch directory of their own (a later block may use what an earlier one wrote: `timeclock init qa`,
// then `cat qa/…`), and the sections side by side, as readers of different sections would. Each line's
// result is kept for its test to read, so that a test reports one line as before.
import { commandLines, type Block } from './blocks.js';
import { makeSandbox, runLine, type Sandbox } from './sandbox.js';

export type LineResult = Awaited<ReturnType<typeof runLine>>;

/**
 * Sections run at a time: most lines are process starts, CPU-bound (the file costs about 100 s of CPU
 * for 95 s of wall time one line after another), so two sections keep a core each busy; more only queue.
 */
const SECTIONS_AT_ONCE = 2;

export class ShellLanes {
  private readonly results = new Map<string, Promise<LineResult>>();
  private readonly sandboxes: Sandbox[] = [];
  private readonly runners: Promise<void>[] = [];

  /** Starts the sections' lines, SECTIONS_AT_ONCE sections at a time, in the order of the documents. */
  start(blocks: readonly Block[]): void {
    const sections = new Map<string, Block[]>();
    for (const block of blocks) sections.set(block.section, [...(sections.get(block.section) ?? []), block]);
    const queue = [...sections.values()].map((inSection) => this.section(inSection));
    const runner = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await next.run();
    };
    for (let i = 0; i < SECTIONS_AT_ONCE; i++) this.runners.push(runner());
  }

  /**
   * The result of a block's `index`-th command line, once it ran. The guard against a stuck line is
   * runLine's own (it kills a line after 300 s of its own time), not the wait here, which also spans
   * the lines before it in its section.
   */
  result(block: Block, index: number): Promise<LineResult> {
    const result = this.results.get(keyOf(block, index));
    if (!result) throw new Error(`${block.where}: line ${index + 1} was never started (ShellLanes.start)`);
    return result;
  }

  /** Waits for every started line, then removes the scratch directories. */
  async remove(): Promise<void> {
    await Promise.all(this.runners);
    for (const sandbox of this.sandboxes) sandbox.remove();
  }

  /** A section's lines as promises its tests can wait on, settled one after another once `run` is called. */
  private section(blocks: Block[]): { run(): Promise<void> } {
    const steps: ((sandbox: Sandbox) => Promise<void>)[] = [];
    for (const block of blocks) {
      commandLines(block.code).forEach((line, index) => {
        let settle!: (result: LineResult) => void;
        this.results.set(keyOf(block, index), new Promise((resolve) => (settle = resolve)));
        // A line that could not start is its test's failure; the section goes on, as each test did.
        steps.push(async (sandbox) =>
          settle(
            await runLine(line, sandbox).catch((error: Error) => ({
              status: null,
              stdout: '',
              stderr: `bash could not start: ${error.message}`,
            })),
          ),
        );
      });
    }
    return {
      run: async () => {
        const sandbox = makeSandbox();
        this.sandboxes.push(sandbox);
        for (const step of steps) await step(sandbox);
      },
    };
  }
}

function keyOf(block: Block, index: number): string {
  return `${block.where}#${index}`;
}
