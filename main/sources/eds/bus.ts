// i18n-ignore-file: D-Bus member, interface and key-file names, never shown.
/**
 * The session bus, reached with the pure-JS dbus-next: plain messages rather than introspected proxies, so that a
 * call is one round trip and a signal is matched exactly by sender, path and interface.
 */
import dbus from 'dbus-next';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { noSessionBus } from './errors.ts';

export type Bus = dbus.MessageBus;

const DBUS = { destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus' };

/** Where the session bus is: the environment's address, else the usual socket in the runtime folder. */
export function sessionBusAddress(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env['DBUS_SESSION_BUS_ADDRESS'];
  if (fromEnv) return fromEnv;
  const runtime = env['XDG_RUNTIME_DIR'];
  if (runtime && existsSync(join(runtime, 'bus'))) return `unix:path=${join(runtime, 'bus')}`;
  return null;
}

/** Connects to the session bus, or throws EdsError 'no-session-bus'. */
export async function connectSessionBus(address = sessionBusAddress(), timeoutMs = 5000): Promise<Bus> {
  if (address === null) throw noSessionBus();
  let bus: Bus;
  try {
    bus = dbus.sessionBus({ busAddress: address });
  } catch (err) {
    throw noSessionBus(err);
  }
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`no answer from ${address} in ${timeoutMs} ms`)), timeoutMs);
    const fail = (err: unknown) => {
      clearTimeout(timer);
      bus.removeListener('connect', done);
      try {
        bus.disconnect();
      } catch {
        // Never connected: nothing to close.
      }
      reject(noSessionBus(err));
    };
    const done = () => {
      clearTimeout(timer);
      bus.removeListener('error', fail);
      resolve();
    };
    bus.once('connect', done);
    bus.once('error', fail);
  });
  // Later socket errors end the connection; callers see them as failed calls, not as an unhandled event.
  bus.on('error', () => {});
  return bus;
}

export interface Target {
  destination: string;
  path: string;
  interface: string;
}

/** Calls `member` and returns the reply's arguments. Errors are dbus-next DBusErrors (with `type`). */
export async function call(
  bus: Bus,
  to: Target,
  member: string,
  signature = '',
  body: unknown[] = [],
): Promise<unknown[]> {
  const message = new dbus.Message({ ...to, member, ...(signature ? { signature, body } : {}) });
  const reply = await bus.call(message);
  return reply?.body ?? [];
}

export function callBus(bus: Bus, member: string, signature = '', body: unknown[] = []): Promise<unknown[]> {
  return call(bus, DBUS, member, signature, body);
}

export type SignalHandler = (member: string, body: unknown[]) => void;

/**
 * Receives the signals of `iface` on `path` (any path when null) from `sender`, until the returned function is called.
 * Signals carry the sender's unique name, so a well-known `sender` is resolved first.
 */
export async function subscribe(
  bus: Bus,
  sender: string,
  path: string | null,
  iface: string,
  handler: SignalHandler,
): Promise<() => Promise<void>> {
  const rule = [
    `type='signal'`,
    `sender='${sender}'`,
    `interface='${iface}'`,
    ...(path ? [`path='${path}'`] : []),
  ].join(',');
  await callBus(bus, 'AddMatch', 's', [rule]);
  const owner = sender.startsWith(':') || sender === DBUS.destination ? sender : await ownerOf(bus, sender);
  const listener = (message: dbus.Message) => {
    if (message.type !== dbus.MessageType.SIGNAL || message.interface !== iface) return;
    if (path !== null && message.path !== path) return;
    if (message.sender !== owner && message.sender !== sender) return;
    handler(message.member ?? '', message.body ?? []);
  };
  bus.on('message', listener);
  return async () => {
    bus.removeListener('message', listener);
    await callBus(bus, 'RemoveMatch', 's', [rule]).catch(() => {});
  };
}

/** The unique name owning `name`, or null when none does. */
export async function ownerOf(bus: Bus, name: string): Promise<string | null> {
  try {
    const [owner] = await callBus(bus, 'GetNameOwner', 's', [name]);
    return typeof owner === 'string' ? owner : null;
  } catch {
    return null;
  }
}
