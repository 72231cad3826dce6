import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isSameOrigin } from './app-url.ts';

describe('isSameOrigin', () => {
  it('matches the app origin on any path', () => {
    expect(isSameOrigin('kith://app/index.html', APP_ENTRY_URL)).toBe(true);
    expect(isSameOrigin('kith://app/a/b?c#d', APP_ENTRY_URL)).toBe(true);
    expect(isSameOrigin('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true);
  });

  it.each([
    'kith://app.evil/index.html',
    'kith://evil/index.html',
    'kith://user:pw@app/index.html',
    'kiths://app/index.html',
    'https://app/index.html',
    'http://localhost:5174/',
    '',
    'kith:app',
  ])('rejects %j', (url) => {
    expect(isSameOrigin(url, APP_ENTRY_URL) || isSameOrigin(url, 'http://localhost:5173/')).toBe(false);
  });
});
