// Placeholder UI: proves the IPC round-trip end to end. `data-state` on #app is the
// signal e2e tests wait for ("ready" or "error"), instead of sleeping.

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from index.html`);
  return found;
}

function settle(state: 'ready' | 'error', status: string): void {
  const root = element('app');
  element('app-status').textContent = status;
  root.dataset['state'] = state;
  root.removeAttribute('aria-busy');
}

async function start(): Promise<void> {
  const kith = window.kith;
  if (!kith) {
    settle('error', 'The app bridge is missing: open Kith through Electron or `npm run start:web`.');
    return;
  }
  const reply = await kith.appInfo();
  if (!reply.ok) {
    settle('error', `Could not reach the app: ${reply.error.message}`);
    return;
  }
  const { name, version, platform } = reply.value;
  element('app-name').textContent = name;
  element('app-version').textContent = `Version ${version}`;
  document.title = name;
  settle('ready', `Running on ${platform}`);
}

start().catch((error: unknown) => {
  settle('error', `Startup failed: ${error instanceof Error ? error.message : String(error)}`);
});
