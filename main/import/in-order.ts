/** Something that runs tasks off this thread: the import's worker pool. */
export interface TaskRunner<T, R> {
  /** Threads it runs on. */
  readonly threads: number;
  run(task: T): Promise<R>;
}

/** Tasks queued per thread: one running and one waiting, so a thread never idles between messages. */
const PER_THREAD = 2;
/** Finished tasks that may wait for the writer, beyond those in the threads: bounds memory. */
const SLACK = 2;

/**
 * Runs every task and hands the results to `write` in task order. The calling thread takes part: when the result it
 * must write next is not ready, it runs a task that no thread has taken yet instead of waiting. Writing alone leaves
 * this thread idle most of the time, so on two cores one thread and this one together beat two threads and an idle
 * writer. Without a runner, every task runs here. A task that fails stops the run with its error.
 *
 * Each task is let go once started (its slot in `tasks` is cleared), so that a large import does not hold every
 * record's text to the end.
 */
export async function runInOrder<T, R>(
  tasks: Array<T | undefined>,
  runner: TaskRunner<T, R> | null,
  inline: (task: T) => R,
  write: (result: R, index: number) => void,
): Promise<void> {
  const done = new Map<number, { ok: true; value: R } | { ok: false; error: unknown }>();
  const capacity = runner ? runner.threads * PER_THREAD : 0;
  let next = 0;
  let inThreads = 0;
  let written = 0;
  let wake: (() => void) | null = null;

  const roomAhead = (): boolean => next < tasks.length && next - written < capacity + SLACK;
  const take = (index: number): T => {
    const task = tasks[index]!;
    tasks[index] = undefined;
    return task;
  };
  const give = (): void => {
    while (runner && inThreads < capacity && roomAhead()) {
      const index = next++;
      inThreads++;
      runner.run(take(index)).then(
        (value) => settle(index, { ok: true, value }),
        (error: unknown) => settle(index, { ok: false, error }),
      );
    }
  };
  const settle = (index: number, outcome: { ok: true; value: R } | { ok: false; error: unknown }): void => {
    inThreads--;
    done.set(index, outcome);
    give();
    wake?.();
  };

  for (; written < tasks.length; written++) {
    give();
    while (!done.has(written)) {
      if (roomAhead()) {
        const index = next++;
        done.set(index, { ok: true, value: inline(take(index)) });
        // Let finished thread results land, and hand the threads more, before deciding again.
        await new Promise<void>((resolve) => setImmediate(resolve));
        give();
      } else {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
    }
    const outcome = done.get(written)!;
    done.delete(written);
    if (!outcome.ok) throw outcome.error;
    write(outcome.value, written);
  }
}
