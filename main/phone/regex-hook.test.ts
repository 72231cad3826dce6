import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getCountries, getExampleNumber, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/tmp.ts';
import type { NormalizedPhone } from './normalize.ts';

/**
 * The resolve hook only works while libphonenumber-js keeps its matcher at `es6/helpers/matchesEntirely.js`. Each
 * check runs in a fresh Node process, the way the CLI and the import workers start: one with the hook installed
 * before the engine loads, one without. Same answers from both, and a non-zero count of compiled patterns only in
 * the hooked one, mean the swap really happened and changed nothing.
 */

const url = (name: string): string => pathToFileURL(join(import.meta.dirname, name)).href;

/** Runs in the child: argv is [hook|plain, inputs.json]. Prints the results and the matcher's compile count. */
const CHILD = `
const [mode, inputPath] = process.argv.slice(1);
if (mode === 'hook') (await import(${JSON.stringify(url('regex-hook.ts'))})).installPhoneRegexCache();
const { normalizePhone } = await import(${JSON.stringify(url('index.ts'))});
const { readFileSync } = await import('node:fs');
const inputs = JSON.parse(readFileSync(inputPath, 'utf8'));
const results = inputs.map(([raw, region]) => normalizePhone(raw, region));
const { compiledPatterns } = await import(${JSON.stringify(url('matches-entirely.ts'))});
process.stdout.write(JSON.stringify({ results, compiledPatterns }));
`;

interface ChildOutput {
  results: NormalizedPhone[];
  compiledPatterns: number;
}

function runChild(mode: 'hook' | 'plain', inputPath: string): Promise<ChildOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', CHILD, mode, inputPath],
      { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8', timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`${mode} child failed: ${err.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as ChildOutput);
      },
    );
  });
}

/**
 * Numbers from every region libphonenumber has an example for, written the ways people write them: nationally
 * against their own region, internationally against another, with the `00` prefix, one digit short, as a `tel:` URI
 * with an extension, and a few that are no phone number at all.
 */
function inputs(): Array<[string, CountryCode | null]> {
  const out: Array<[string, CountryCode | null]> = [];
  getCountries().forEach((country, i) => {
    const n = getExampleNumber(country, examples);
    if (n === undefined) return;
    out.push([n.formatNational(), country], [n.formatInternational(), 'GB']);
    if (i % 3 === 0) {
      out.push(
        ['00' + n.number.slice(1), 'DE'],
        [n.nationalNumber.slice(0, -1), country],
        [n.nationalNumber + '7', country],
        [`tel:${n.number};ext=12`, null],
      );
    }
  });
  out.push(
    ['112', 'GB'],
    ['*121#', 'FR'],
    ['1-800-FLOWERS', 'US'],
    ['０７４００ １２３４５６', 'GB'],
    ['٠٧٤٠٠١٢٣٤٥٦', 'GB'],
    ['+44 7400 123456 x 99', null],
    ['', 'GB'],
    ['07400 123456', null],
  );
  return out;
}

describe('installPhoneRegexCache', () => {
  it('routes libphonenumber-js to the caching matcher, with the same results as without it', async () => {
    const cases = inputs();
    expect(cases.length).toBeGreaterThan(500);
    const path = join(tempDir(), 'inputs.json');
    writeFileSync(path, JSON.stringify(cases));

    const [hooked, plain] = await Promise.all([runChild('hook', path), runChild('plain', path)]);

    expect(hooked.results).toHaveLength(cases.length);
    expect(hooked.results).toEqual(plain.results);
    expect(hooked.compiledPatterns).toBeGreaterThan(0);
    expect(plain.compiledPatterns).toBe(0);

    // The sample really is varied: every status, and valid numbers from many regions.
    const statuses = new Set(plain.results.map((r) => r.status));
    expect([...statuses].sort()).toEqual(['invalid', 'possible', 'valid']);
    const validRegions = new Set(
      plain.results.filter((r) => r.status === 'valid').map((r) => /\((.+)\)$/.exec(r.reason)?.[1]),
    );
    expect(validRegions.size).toBeGreaterThan(100);
  });
});
