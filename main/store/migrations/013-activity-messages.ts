import type { Migration } from './types.ts';

/**
 * Activity entries that can be read in the user's language. An entry written since keeps the catalog id of its
 * sentence and that sentence's arguments (JSON), so the app formats it in the locale it shows, numbers included;
 * `message` keeps the English text for older readers and for entries written before, which have no id.
 */
export const activityMessages: Migration = {
  version: 13,
  name: 'activity-messages',
  sql: `
ALTER TABLE activity ADD COLUMN message_id TEXT;
ALTER TABLE activity ADD COLUMN message_args TEXT;
`,
};
