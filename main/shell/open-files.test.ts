import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../testing/tmp.ts';
import {
  importablePathsFromArgv,
  isImportablePath,
  isRegularFile,
  MAX_OPENED_FILES,
  OpenedFiles,
} from './open-files.ts';

const cwd = path.resolve('/home/anita');

describe('isImportablePath', () => {
  it.each(['a.vcf', 'A.VCF', 'b.vcard', 'c.csv', '/x/y/Contacts.Vcf'])('accepts %s', (file) => {
    expect(isImportablePath(file)).toBe(true);
  });

  it.each(['a.txt', 'vcf', 'a.vcf.exe', 'a.csvx', '', '.'])('refuses %j', (file) => {
    expect(isImportablePath(file)).toBe(false);
  });
});

describe('importablePathsFromArgv', () => {
  it('finds the address book a packaged app was started with', () => {
    expect(importablePathsFromArgv(['/opt/Kith/kith', '/home/anita/contacts.vcf'], cwd)).toEqual([
      path.resolve('/home/anita/contacts.vcf'),
    ]);
  });

  it('skips the executable, the app path and Chromium switches a second instance forwards', () => {
    const argv = [
      '/usr/lib/electron/electron',
      '.',
      'out/main/index.js',
      '--allow-file-access-from-files',
      '--original-process-start-time=13370000000',
      '--inspect=9229',
      'export.csv',
      '-psn_0_12345',
    ];
    expect(importablePathsFromArgv(argv, cwd)).toEqual([path.resolve(cwd, 'export.csv')]);
  });

  it('resolves relative paths against the directory the command ran in', () => {
    expect(importablePathsFromArgv(['../bob/family.vcard', 'work.VCF'], cwd)).toEqual([
      path.resolve('/home/bob/family.vcard'),
      path.resolve(cwd, 'work.VCF'),
    ]);
  });

  it('turns file URLs into paths (desktop entries pass %U) and ignores other URLs', () => {
    const file = path.resolve('/home/anita/My Contacts.vcf');
    expect(
      importablePathsFromArgv(
        [
          pathToFileURL(file).href,
          'https://example.com/evil.vcf',
          'kith://app/x.vcf',
          'file://remote-host/share/x.vcf',
        ],
        cwd,
      ),
    ).toEqual(process.platform === 'win32' ? [file, '\\\\remote-host\\share\\x.vcf'] : [file]);
  });

  it('names each file once and caps how many one request may open', () => {
    expect(importablePathsFromArgv(['a.vcf', './a.vcf', 'a.vcf'], cwd)).toEqual([path.resolve(cwd, 'a.vcf')]);
    const many = Array.from({ length: 50 }, (_, i) => `${i}.vcf`);
    expect(importablePathsFromArgv(many, cwd)).toHaveLength(MAX_OPENED_FILES);
  });

  it('finds nothing in a plain start', () => {
    expect(importablePathsFromArgv([], cwd)).toEqual([]);
    expect(importablePathsFromArgv(['/Applications/Kith.app/Contents/MacOS/Kith'], cwd)).toEqual([]);
  });
});

describe('isRegularFile', () => {
  it('is true for files only', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.vcf'), 'BEGIN:VCARD');
    mkdirSync(path.join(dir, 'folder.vcf'));
    expect(isRegularFile(path.join(dir, 'a.vcf'))).toBe(true);
    expect(isRegularFile(path.join(dir, 'folder.vcf'))).toBe(false);
    expect(isRegularFile(path.join(dir, 'missing.vcf'))).toBe(false);
  });
});

describe('OpenedFiles', () => {
  const exists = (file: string) => !file.includes('missing');

  it('holds requests until the engine is attached, then imports them in order', async () => {
    const onError = vi.fn();
    const opened = new OpenedFiles({ exists, onError });
    expect(opened.open(['/a.vcf'])).toBe(true);
    expect(opened.open(['/b.csv', '/a.vcf'])).toBe(true);
    const target = vi.fn(() => Promise.resolve());
    opened.attach(target);
    expect(target).toHaveBeenCalledTimes(1);
    expect(target).toHaveBeenCalledWith(['/a.vcf', '/b.csv']);
    opened.open(['/c.vcard']);
    expect(target).toHaveBeenLastCalledWith(['/c.vcard']);
    await Promise.resolve();
    expect(onError).not.toHaveBeenCalled();
  });

  it('drops missing files and files of other kinds, and says when nothing is left', () => {
    const target = vi.fn(() => Promise.resolve());
    const opened = new OpenedFiles({ exists, onError: vi.fn() });
    opened.attach(target);
    expect(opened.open(['/missing.vcf', '/notes.txt'])).toBe(false);
    expect(opened.open([])).toBe(false);
    expect(target).not.toHaveBeenCalled();
  });

  it('attaching with nothing queued imports nothing', () => {
    const target = vi.fn(() => Promise.resolve());
    new OpenedFiles({ exists, onError: vi.fn() }).attach(target);
    expect(target).not.toHaveBeenCalled();
  });

  it('reports a failed import instead of leaving the rejection unhandled', async () => {
    const onError = vi.fn();
    const opened = new OpenedFiles({ exists, onError });
    opened.attach(() => Promise.reject(new Error('disk full')));
    opened.open(['/a.vcf']);
    await vi.waitFor(() => expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'disk full' })));
  });
});
