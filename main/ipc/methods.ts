import type { ChannelOf, MethodName } from './contract.ts';

// The one runtime copy of the method→channel mapping. The preload and the browser harness
// both build `window.kith` from it; the type makes it exhaustive and exact against the contract.
export const methodChannels: { readonly [M in MethodName]: ChannelOf<M> } = Object.freeze({
  appInfo: 'app:info',
  ping: 'app:ping',
});
