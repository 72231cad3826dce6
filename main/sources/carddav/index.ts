// A CardDAV client that follows an address book. Plain Node; it returns changes and never touches the store.
export { CardDavError, type CardDavErrorKind } from './errors.ts';
export { discover, startUrl, type AddressBook, type Discovery, type SrvResolver } from './discover.ts';
export { poll, EMPTY_STATE, type SyncState, type PollResult, type CardUpsert, type CardError } from './sync.ts';
export { PRESETS, presetUrl, type Preset } from './presets.ts';
export type { Credentials, TransportOptions } from './transport.ts';
