import { initial } from './001-initial.ts';
import { sync } from './002-sync.ts';
import { contactsByName } from './003-contacts-by-name.ts';
import { rejectedNumbers } from './004-rejected-numbers.ts';
import { sortKeys } from './005-sort-keys.ts';
import { pendingSignOuts } from './006-pending-sign-outs.ts';
import { lettersFirst } from './007-letters-first.ts';
import { numberKeys } from './008-number-keys.ts';
import { uploadRuns } from './009-upload-runs.ts';
import { numberCountries } from './010-number-countries.ts';
import { people } from './011-people.ts';
import { photos } from './012-photos.ts';
import { activityMessages } from './013-activity-messages.ts';
import { peopleTriggers } from './014-people-triggers.ts';
import { liveSources } from './015-live-sources.ts';
import type { Migration } from './types.ts';

/** Every migration in order; each one's version is its position + 1. */
export const migrations: readonly Migration[] = [
  initial,
  sync,
  contactsByName,
  rejectedNumbers,
  sortKeys,
  pendingSignOuts,
  lettersFirst,
  numberKeys,
  uploadRuns,
  numberCountries,
  people,
  photos,
  activityMessages,
  peopleTriggers,
  liveSources,
];

export const LATEST_VERSION = migrations.length;
