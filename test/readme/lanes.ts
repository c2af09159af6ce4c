// The documents' shell blocks as readers follow them: the blocks under one heading one after another in a
// scratch directory of their own (a later block may use what an earlier one wrote: `timeclock init qa`,
// then `cat qa/…`), and the sections side by side, as readers of different sections would. Each line's
// result is kept for its test to read, so that a test reports one line as before. The two documents show
// some of the same lines after the same lines (the QA scenarios of README.md and scripts/scenarios/): such
// a line runs once, and the other section takes what it did to the files (sandbox-files.ts).
import { commandLines, type Block } from './blocks.js';
import { makeSandbox, runLine, type Sandbox } from './sandbox.js';
import { applyPatch, filesOf, isEmpty, patchBetween, type Patch } from './sandbox-files.js';

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
  /** Each line run, by the lines that changed the files before it in its scratch directory and itself. */
  private readonly runs = new Map<string, Promise<{ result: LineResult; patch: Patch }>>();

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
    const steps: ((sandbox: Sandbox, changedBy: string[]) => Promise<void>)[] = [];
    for (const block of blocks) {
      commandLines(block.code).forEach((line, index) => {
        let settle!: (result: LineResult) => void;
        this.results.set(keyOf(block, index), new Promise((resolve) => (settle = resolve)));
        steps.push(async (sandbox, changedBy) => settle(await this.runOnce(line, sandbox, changedBy)));
      });
    }
    return {
      run: async () => {
        const sandbox = makeSandbox();
        this.sandboxes.push(sandbox);
        const changedBy: string[] = [];
        for (const step of steps) await step(sandbox, changedBy);
      },
    };
  }

  /**
   * Runs the line in the sandbox, or, when another section ran it after the same file-changing lines from
   * the same fresh scratch directory, takes its result and what it did to the files. `changedBy` gets the
   * line if it changed a file: lines that change none (`coverage`, `replay`) are no history.
   */
  private async runOnce(line: string, sandbox: Sandbox, changedBy: string[]): Promise<LineResult> {
    const key = [...changedBy, line].map(commandOf).join('\n');
    const ranBefore = this.runs.get(key);
    const before = ranBefore ? undefined : filesOf(sandbox.dir);
    const run =
      ranBefore ??
      runLine(line, sandbox)
        // A line that could not start is its test's failure; the section goes on, as each test did.
        .catch((error: Error) => ({ status: null, stdout: '', stderr: `bash could not start: ${error.message}` }))
        .then((result) => ({ result, patch: patchBetween(before!, filesOf(sandbox.dir)) }));
    this.runs.set(key, run);
    const { result, patch } = await run;
    if (ranBefore) applyPatch(sandbox.dir, patch);
    if (!isEmpty(patch)) changedBy.push(line);
    return ranBefore ? { ...result, stderr: `${result.stderr}\n(run once, for an earlier section as well)` } : result;
  }
}

/** The line as bash runs it: without a trailing comment (unless a quote makes that unsure) or spaces. */
function commandOf(line: string): string {
  const comment = /\s+#.*$/.exec(line);
  const command = comment && !/['"\\]/.test(line.slice(0, comment.index)) ? line.slice(0, comment.index) : line;
  return command.trim();
}

function keyOf(block: Block, index: number): string {
  return `${block.where}#${index}`;
}
