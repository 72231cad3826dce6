import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { APP_HOST, APP_SCHEME } from './app-url.ts';
import { resolveStaticFile, staticHeaders } from './static-files.ts';

/**
 * Must run before `app.ready`. `standard` gives the scheme a real origin (relative URLs,
 * storage, CSP 'self'); `secure` makes it a secure context like https.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves the built renderer from `rootDir` as kith://app/… on the default session. */
export function serveRenderer(rootDir: string): void {
  protocol.handle(APP_SCHEME, (request) => respondWithRendererFile(rootDir, request.url, request.method));
}

export async function respondWithRendererFile(rootDir: string, rawUrl: string, method = 'GET'): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return new Response(null, { status: 405 });
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return new Response(null, { status: 400 });
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return new Response(null, { status: 404 });
  const file = resolveStaticFile(rootDir, url.pathname);
  if (!file) return new Response(null, { status: 404 });
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return new Response(null, { status: 404 });
  }
  return new Response(method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: staticHeaders(file) });
}
