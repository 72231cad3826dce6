import { describe, expect, it } from 'vitest';
import { importProgress } from './progress.ts';

const stream = (isTTY: boolean) => {
  const written: string[] = [];
  return { written, s: { isTTY, write: (t: string) => written.push(t) > 0 } as unknown as NodeJS.WriteStream };
};

describe('importProgress', () => {
  it('draws counts on a terminal and clears the line when done', () => {
    const { written, s } = stream(true);
    const p = importProgress(s);
    p.update!({ file: 'big.vcf', done: 2000, total: 100000 });
    p.update!({ file: 'big.vcf', done: 100000, total: 100000 });
    p.done();
    expect(written[0]).toContain('big.vcf: 2,000/100,000 (2%)');
    expect(written[1]).toContain('100,000/100,000 (100%)');
    expect(written.at(-1)).toBe('\r\x1b[2K');
  });

  it('stays silent when stderr is not a terminal', () => {
    const { written, s } = stream(false);
    const p = importProgress(s);
    expect(p.update).toBeUndefined();
    p.done();
    expect(written).toEqual([]);
  });
});
