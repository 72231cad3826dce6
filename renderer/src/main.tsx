import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, type Settled } from './App.tsx';
import { applyCachedTheme } from './theme.ts';

// The colours picked last time, before the first frame; the stored choice follows once the app has loaded.
applyCachedTheme();

// #app[data-state] is what e2e tests wait for: "ready" once the first screen is on the page, "error" otherwise.
function appRoot(): HTMLElement {
  const found = document.getElementById('app');
  if (!found) throw new Error('#app is missing from index.html');
  return found;
}

const root = appRoot();

function settle(state: Settled): void {
  root.dataset['state'] = state;
  root.removeAttribute('aria-busy');
}

createRoot(root).render(
  <StrictMode>
    <App onSettled={settle} />
  </StrictMode>,
);
