import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { AppHost } from '../main/app/host.ts';
import type { AppInfo } from '../main/ipc/contract.ts';
import { createHandlers } from '../main/ipc/handlers.ts';
import { methodChannels } from '../main/ipc/methods.ts';
import { watchJoins, type Toast } from '../main/shell/join-notices.ts';
import { resolveStaticFile, staticHeaders } from '../main/shell/static-files.ts';
import { BRIDGE_PROTOCOL, serveBridgeSocket } from './harness-socket.ts';

// Browser mode: the built renderer plus the real handler table, reachable only from this
// machine and only with the per-run token. Development and e2e only; never shipped.

const projectRoot = path.resolve(import.meta.dirname, '..');
const bridgePath = '/__kith/bridge.js';
const socketPath = '/__kith/socket';

export interface WebHarnessOptions {
  readonly rendererDir?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly appInfo?: AppInfo;
  /** The app's data folder (store, imports, demo server); default KITH_WEB_DATA_DIR, else a fresh temp folder. */
  readonly dataDir?: string;
}

export interface WebHarness {
  /** Page URL including the token, ready to open. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly host: AppHost;
  /** The join notifications the Electron shell would have shown as OS notifications (the setting applied). */
  readonly notifications: Toast[];
  /** Every folder "Show in folder" asked to open: a browser has no file manager to open it in. */
  readonly revealed: string[];
  close(): Promise<void>;
}

export async function startWebHarness(options: WebHarnessOptions = {}): Promise<WebHarness> {
  const rendererDir = options.rendererDir ?? path.join(projectRoot, 'out', 'renderer');
  const indexHtml = await readFile(path.join(rendererDir, 'index.html'), 'utf8').catch(() => {
    throw new Error(`No built renderer at ${rendererDir}; run \`npm run build\` first.`);
  });
  const appInfo = options.appInfo ?? (await readAppInfo());
  const dataDir = options.dataDir ?? process.env.KITH_WEB_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'kith-web-'));
  const revealed: string[] = [];
  const reveal = async (folder: string): Promise<void> => {
    revealed.push(folder);
    console.log(`[web] show in folder: ${folder}`);
  };
  const appHost = await AppHost.open({ dataDir, appInfo, reveal });
  const notifications: Toast[] = [];
  watchJoins(appHost, (toast) => notifications.push(toast));
  const table = createHandlers({ appInfo, host: appHost });
  const bridgeScript = await buildBridgeScript();
  const token = randomBytes(24).toString('base64url');

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  const origin = `http://${host}`;

  const sockets = serveBridgeSocket(server, { table, host: appHost, token, origin, path: socketPath });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    // A page on another site can make the browser resolve its own hostname to 127.0.0.1;
    // checking Host defeats that rebinding.
    if (request.headers.host !== host) return sendStatus(response, 421);
    let pathname: string;
    try {
      pathname = new URL(request.url ?? '/', origin).pathname;
    } catch {
      return sendStatus(response, 400);
    }
    if (pathname === bridgePath) {
      sendFile(response, 'bridge.js', bridgeScript, request.method);
    } else {
      serveStatic(request, response, rendererDir, pathname, indexHtml).catch(() => sendStatus(response, 500));
    }
  });

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    host: appHost,
    notifications,
    revealed,
    close: async () => {
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Browsers keep idle sockets open; without this close() waits for them.
        server.closeAllConnections();
      });
      await appHost.close();
    },
  };
}

async function readAppInfo(): Promise<AppInfo> {
  const pkg = JSON.parse(await readFile(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  return { name: 'Kith', version: pkg.version, platform: process.platform };
}

// The bridge is typed browser code in renderer/harness; it is transpiled on the fly so it
// never ends up in the app bundle, then started with the same method table as the preload.
async function buildBridgeScript(): Promise<string> {
  const source = await readFile(path.join(projectRoot, 'renderer', 'harness', 'socket-bridge.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true },
  });
  return `${outputText}\ninstallSocketBridge(${JSON.stringify(methodChannels)}, ${JSON.stringify(socketPath)}, ${JSON.stringify(BRIDGE_PROTOCOL)});\n`;
}

async function serveStatic(
  request: IncomingMessage,
  response: ServerResponse,
  rendererDir: string,
  pathname: string,
  indexHtml: string,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return sendStatus(response, 405);
  const file = resolveStaticFile(rendererDir, pathname);
  if (!file) return sendStatus(response, 404);
  if (file === path.join(path.resolve(rendererDir), 'index.html')) {
    return sendFile(response, file, injectBridge(indexHtml), request.method);
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return sendStatus(response, 404);
  }
  sendFile(response, file, body, request.method);
}

// A module script placed before the app's own runs first, so window.kith exists at startup.
function injectBridge(html: string): string {
  const tag = `<script type="module" src="${bridgePath}"></script>`;
  const at = html.indexOf('<script');
  return at === -1 ? html.replace('</head>', `${tag}\n</head>`) : `${html.slice(0, at)}${tag}\n    ${html.slice(at)}`;
}

/** `name` only picks the content type; the headers (CSP included) match the kith:// handler's. */
function sendFile(response: ServerResponse, name: string, body: string | Buffer, method: string | undefined): void {
  response.writeHead(200, staticHeaders(name));
  response.end(method === 'HEAD' ? undefined : body);
}

function sendStatus(response: ServerResponse, status: number): void {
  if (response.headersSent) response.destroy();
  else response.writeHead(status).end();
}
