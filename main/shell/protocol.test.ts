import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const protocol = vi.hoisted(() => ({ registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() }));
vi.mock('electron', () => ({ protocol }));

const { registerAppScheme, respondWithRendererFile, serveRenderer } = await import('./protocol.ts');
const { resolveStaticFile } = await import('./static-files.ts');

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'kith-protocol-'));
  await mkdir(path.join(root, 'renderer', 'assets'), { recursive: true });
  await writeFile(path.join(root, 'renderer', 'index.html'), '<!doctype html><title>Kith</title>');
  await writeFile(path.join(root, 'renderer', 'assets', 'app.js'), 'export {};');
  await writeFile(path.join(root, 'secret.txt'), 'outside the renderer');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('registerAppScheme', () => {
  it('registers kith as a standard, secure scheme', () => {
    registerAppScheme();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'kith',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
  });
});

describe('serveRenderer', () => {
  it('handles the kith scheme', () => {
    serveRenderer('/nowhere');
    expect(protocol.handle).toHaveBeenCalledWith('kith', expect.any(Function));
  });
});

describe('respondWithRendererFile', () => {
  const dir = () => path.join(root, 'renderer');

  it('serves index.html for the root with a strict CSP', async () => {
    const response = await respondWithRendererFile(dir(), 'kith://app/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Kith</title>');
  });

  it('serves assets with their type', async () => {
    const response = await respondWithRendererFile(dir(), 'kith://app/assets/app.js');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    'kith://app/../secret.txt',
    'kith://app/%2e%2e/secret.txt',
    'kith://app/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'kith://app/assets/..%5c..%5csecret.txt',
    'kith://app/missing.js',
    'kith://other/index.html',
    'kith://app/%E0%A4%A',
  ])('answers 404 for %s', async (url) => {
    expect((await respondWithRendererFile(dir(), url)).status).toBe(404);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await respondWithRendererFile(dir(), 'kith://app/', 'POST')).status).toBe(405);
  });
});

describe('resolveStaticFile', () => {
  it('never resolves outside the root', () => {
    expect(resolveStaticFile('/srv/ui', '/index.html')).toBe(path.resolve('/srv/ui/index.html'));
    expect(resolveStaticFile('/srv/ui', '/a/../../etc/passwd')).toBeNull();
    expect(resolveStaticFile('/srv/ui', '/%00')).toBeNull();
    expect(resolveStaticFile('/srv/ui', 'relative')).toBeNull();
  });
});
