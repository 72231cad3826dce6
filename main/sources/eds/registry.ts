// i18n-ignore-file: D-Bus member, interface and key-file names, never shown.
/**
 * The address books EDS knows of, from its source registry (`org.gnome.evolution.dataserver.Sources<N>`): every
 * source is a D-Bus object whose `Data` property is a key file; those with an `[Address Book]` group are books.
 */
import type { Variant } from 'dbus-next';
import { call, callBus, subscribe, type Bus } from './bus.ts';
import { localized, parseKeyFile } from './keyfile.ts';
import { notRunning } from './errors.ts';

export interface AddressBook {
  uid: string;
  displayName: string;
  /** EDS's backend: `local` (on this computer), `carddav`, `google`, `ldap`, `webdav`… */
  backend: string;
}

const SOURCE = 'org.gnome.evolution.dataserver.Source';
const MANAGER_PATH = '/org/gnome/evolution/dataserver/SourceManager';
const OBJECT_MANAGER = 'org.freedesktop.DBus.ObjectManager';

/**
 * The highest-numbered well-known name `org.gnome.evolution.dataserver.<service><N>` that runs or can be started:
 * the number is the interface version and changes between EDS releases (Sources5 and AddressBook10 in 3.46).
 */
export async function findService(bus: Bus, service: 'Sources' | 'AddressBook'): Promise<string> {
  const pattern = new RegExp(`^org\\.gnome\\.evolution\\.dataserver\\.${service}(\\d+)$`);
  const [running] = await callBus(bus, 'ListNames');
  const [activatable] = await callBus(bus, 'ListActivatableNames');
  let best: { name: string; version: number } | null = null;
  for (const name of [...(running as string[]), ...(activatable as string[])]) {
    const version = Number(pattern.exec(name)?.[1] ?? NaN);
    if (!Number.isNaN(version) && (best === null || version > best.version)) best = { name, version };
  }
  if (best === null) throw notRunning();
  return best.name;
}

function locales(env: NodeJS.ProcessEnv = process.env): string[] {
  const tag = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  const base = tag.split(/[.@]/)[0] ?? '';
  return base && base !== 'C' && base !== 'POSIX' ? [base] : [];
}

type ManagedObjects = Record<string, Record<string, Record<string, Variant>>>;

/** The enabled address books, sorted by display name. */
export async function listAddressBooks(bus: Bus, sourcesName: string): Promise<AddressBook[]> {
  const [objects] = await call(
    bus,
    { destination: sourcesName, path: MANAGER_PATH, interface: OBJECT_MANAGER },
    'GetManagedObjects',
  );
  const books: AddressBook[] = [];
  for (const interfaces of Object.values(objects as ManagedObjects)) {
    const source = interfaces[SOURCE];
    const uid = source?.['UID']?.value;
    const data = source?.['Data']?.value;
    if (typeof uid !== 'string' || typeof data !== 'string') continue;
    const keys = parseKeyFile(data);
    const book = keys.get('Address Book');
    const common = keys.get('Data Source');
    if (!book || common?.get('Enabled') === 'false' || book.get('Enabled') === 'false') continue;
    books.push({
      uid,
      displayName: localized(common, 'DisplayName', locales()) ?? uid,
      backend: book.get('BackendName') ?? '',
    });
  }
  return books.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.uid.localeCompare(b.uid));
}

/** Whether the registry still has the source `uid` (enabled or not). */
export async function sourceExists(bus: Bus, sourcesName: string, uid: string): Promise<boolean> {
  const [objects] = await call(
    bus,
    { destination: sourcesName, path: MANAGER_PATH, interface: OBJECT_MANAGER },
    'GetManagedObjects',
  );
  return Object.values(objects as ManagedObjects).some((interfaces) => interfaces[SOURCE]?.['UID']?.value === uid);
}

/** Calls `gone(uid)` whenever a source is removed from the registry, until the returned function is called. */
export async function watchRemovals(
  bus: Bus,
  sourcesName: string,
  gone: (uid: string) => void,
): Promise<() => Promise<void>> {
  // InterfacesRemoved names only the object path, so the paths of current sources are kept up to date.
  const uids = new Map<string, string>();
  const remember = (path: string, interfaces: Record<string, Record<string, Variant>>) => {
    const uid = interfaces[SOURCE]?.['UID']?.value;
    if (typeof uid === 'string') uids.set(path, uid);
  };
  const stop = await subscribe(bus, sourcesName, null, OBJECT_MANAGER, (member, body) => {
    if (member === 'InterfacesAdded') remember(body[0] as string, body[1] as Record<string, Record<string, Variant>>);
    if (member === 'InterfacesRemoved' && (body[1] as string[]).includes(SOURCE)) {
      const uid = uids.get(body[0] as string);
      uids.delete(body[0] as string);
      if (uid !== undefined) gone(uid);
    }
  });
  const [objects] = await call(
    bus,
    { destination: sourcesName, path: MANAGER_PATH, interface: OBJECT_MANAGER },
    'GetManagedObjects',
  );
  for (const [path, interfaces] of Object.entries(objects as ManagedObjects)) remember(path, interfaces);
  return stop;
}
