// One catalog, kept in one module per area so that each part of the app owns its own file.
// Every key is unique across modules: a clash stops the load rather than silently winning.
import activity from './en/activity.ts';
import app from './en/app.ts';
import contacts from './en/contacts.ts';
import errors from './en/errors.ts';
import onboarding from './en/onboarding.ts';
import sources from './en/sources.ts';
import status from './en/status.ts';
import avatars from './en/avatars.ts';
import cli from './en/cli.ts';
import demo from './en/demo.ts';
import importMessages from './en/import.ts';
import privacy from './en/privacy.ts';
import settings from './en/settings.ts';
import store from './en/store.ts';
import phone from './en/phone.ts';
import sync from './en/sync.ts';
import host from './en/host.ts';
import eds from './en/eds.ts';
import osContacts from './en/os-contacts.ts';
import carddav from './en/carddav.ts';
import sourceCli from './en/source-cli.ts';

const modules = {
  activity,
  app,
  avatars,
  contacts,
  cli,
  demo,
  errors,
  import: importMessages,
  onboarding,
  sources,
  status,
  store,
  privacy,
  settings,
  phone,
  sync,
  host,
  carddav,
  osContacts,
  eds,
  sourceCli,
} as const;

type Merged = (typeof modules)[keyof typeof modules];
type KeysOf<T> = T extends unknown ? keyof T : never;

/** Every message id in the catalog. */
export type MessageId = KeysOf<Merged> & string;

function merge(parts: Record<string, Record<string, string>>): Record<string, string> {
  const all: Record<string, string> = {};
  for (const [area, messages] of Object.entries(parts)) {
    for (const [id, text] of Object.entries(messages)) {
      if (id in all) throw new Error(`Message "${id}" is defined twice (again in i18n/en/${area}.ts).`);
      all[id] = text;
    }
  }
  return all;
}

/** The English catalog: id → ICU message. */
export const catalog = merge(modules) as Record<MessageId, string>;

/** The area module each id comes from, for tests. */
export const areas = modules;
