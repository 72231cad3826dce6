import { describe, expect, it } from 'vitest';
import { runInOrder, type TaskRunner } from './in-order.ts';

/** A runner whose tasks finish only when the test says so, recording what it was given. */
function heldRunner(threads: number) {
  const given: number[] = [];
  const finish = new Map<number, (value: string) => void>();
  const fail = new Map<number, (err: Error) => void>();
  const runner: TaskRunner<number, string> = {
    threads,
    run(task) {
      given.push(task);
      return new Promise((resolve, reject) => {
        finish.set(task, resolve);
        fail.set(task, reject);
      });
    },
  };
  return { runner, given, finish, fail };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('runInOrder', () => {
  it('runs everything here when there is no runner', async () => {
    const written: Array<[string, number]> = [];
    await runInOrder(
      [1, 2, 3],
      null,
      (t) => `inline ${t}`,
      (r, i) => written.push([r, i]),
    );
    expect(written).toEqual([
      ['inline 1', 0],
      ['inline 2', 1],
      ['inline 3', 2],
    ]);
  });

  it('writes in task order whichever side finishes first, and works while the threads are busy', async () => {
    const { runner, given, finish } = heldRunner(1);
    const inline: number[] = [];
    const written: string[] = [];
    const tasks = Array.from({ length: 8 }, (_, i) => i);
    const run = runInOrder(
      tasks,
      runner,
      (t) => {
        inline.push(t);
        return `here ${t}`;
      },
      (r) => written.push(r),
    );
    await tick();
    // The thread holds two tasks; this thread went on with the next ones rather than wait, up to its limit.
    expect(given).toEqual([0, 1]);
    expect(inline).toEqual([2, 3]);
    expect(written).toEqual([]);
    // Tasks the thread took are released as soon as it took them.
    expect(tasks.slice(0, 4)).toEqual([undefined, undefined, undefined, undefined]);

    finish.get(1)!('thread 1');
    await tick();
    expect(written).toEqual([]);
    finish.get(0)!('thread 0');
    const finished = new Set([0, 1]);
    for (let i = 0; i < 50 && written.length < 8; i++) {
      for (const t of given.filter((g) => !finished.has(g))) {
        finished.add(t);
        finish.get(t)!(`thread ${t}`);
      }
      await tick();
    }
    await run;

    expect(written).toHaveLength(8);
    expect(written.map((w) => Number(w.split(' ')[1]))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(written.slice(0, 4)).toEqual(['thread 0', 'thread 1', 'here 2', 'here 3']);
    expect([...given, ...inline].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('stops with the error of a task that failed in a thread, after writing the ones before it', async () => {
    const { runner, finish, fail } = heldRunner(2);
    const written: string[] = [];
    const run = runInOrder(
      [0, 1, 2],
      runner,
      (t) => `here ${t}`,
      (r) => written.push(r),
    );
    await tick();
    finish.get(0)!('thread 0');
    fail.get(1)!(new Error('thread died'));
    await expect(run).rejects.toThrow('thread died');
    expect(written).toEqual(['thread 0']);
  });

  it('stops with the error of a task that failed here', async () => {
    const { runner } = heldRunner(1);
    const run = runInOrder(
      [0, 1, 2, 3],
      runner,
      (t) => {
        throw new Error(`bad task ${t}`);
      },
      () => {},
    );
    await expect(run).rejects.toThrow('bad task 2');
  });
});
