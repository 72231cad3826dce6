export { SyncEngine, type SyncStatus, type SyncSummary, type Connectivity } from './engine.ts';
export { ServerClient } from './client.ts';
export { SyncError, NotSignedInError } from './errors.ts';
export * from './session.ts';
export { joinedContacts, displayName, type JoinedContact } from './names.ts';
export { setExclusion, excludedNumbers, ExclusionError } from './exclusions.ts';
export { uploadLog, activity, type UploadLogEntry, type ActivityEntry } from './history.ts';
export { believedSet } from './reconcile.ts';
