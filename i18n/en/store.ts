// The local store's failures, said in one line with what to do.
export default {
  'store.full':
    'the disk holding the store {path} is full ({code}); nothing stored was lost. Free some space and try again.',
  'store.readOnly':
    'the store {path} cannot be written: the file or its folder is read-only ({code}); nothing stored was lost. Make them writable and try again.',
  'store.io':
    'the store {path} could not be read or written: the disk reported an error ({code}); the change was not saved. Check the disk and try again.',
  'store.busy':
    'the store {path} is locked by another Kith process ({code}); nothing was changed. Wait for it to finish, or close it, and try again.',
  'store.corrupt':
    'the store {path} is damaged or is not a Kith store ({code}). Keep a copy of it, move it aside, and import your address books again.',
  'store.cannotOpen':
    'the store {path} cannot be opened ({code}). Check that its folder exists and can be written, and try again.',
  'store.newerVersion':
    '{path} was written by a newer Kith (schema version {found}; this build knows up to {latest}). Update Kith, or point --db at another file.',
} as const;
