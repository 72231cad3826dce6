export { openStore, schemaVersion, StoreVersionError, type Db } from './open.ts';
export * from './contacts.ts';
export * from './numbers.ts';
export * from './settings.ts';
export * from './sources.ts';
export type * from './types.ts';
