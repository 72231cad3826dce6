#!/usr/bin/env node
// The CLI runs its TypeScript sources directly (Node >= 22.18 strips types), so there is no build step.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`kith needs Node.js 22.18 or newer; this is ${process.version}.`);
  process.exit(1);
}
const { installPhoneRegexCache } = await import('../main/phone/regex-hook.ts');
installPhoneRegexCache();
const { main } = await import('../main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
