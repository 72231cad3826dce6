import { registerHooks } from 'node:module';

const TARGET = /\/libphonenumber-js\/es6\/helpers\/matchesEntirely\.js$/;
const REPLACEMENT = new URL('./matches-entirely.ts', import.meta.url).href;
let installed = false;

/**
 * Route libphonenumber-js's pattern matcher to the caching one. Must run before libphonenumber-js is loaded, so entry
 * points call it and then import the engine dynamically. Without it everything still works, only slower.
 */
export function installPhoneRegexCache(): void {
  if (installed) return;
  installed = true;
  registerHooks({
    resolve(specifier, context, next) {
      const result = next(specifier, context);
      return TARGET.test(result.url) ? next(REPLACEMENT, context) : result;
    },
  });
}
