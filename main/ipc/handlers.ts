import { z } from 'zod';
import { E164_PATTERN } from '../../protocol/e164.ts';
import { contactDetail, contactPage } from '../app/contact-query.ts';
import { UserError, type AppHost } from '../app/host.ts';
import { peopleCount, setContactApart, setPersonExcluded } from '../store/people.ts';
import { StoreError, storeFailure } from '../store/errors.ts';
import { listSources } from '../store/sources.ts';
import { photoDataUrl } from '../store/photos.ts';
import { phoneCounts } from '../store/contacts.ts';
import { setExclusion } from '../sync/exclusions.ts';
import type { AppInfo, ArgsOf, Channel, IpcErrorCode, IpcReply, ResultOf, SourceIssue } from './contract.ts';

// Plain Node on purpose: the Electron shell and the browser harness serve this same table.

export interface Handler<C extends Channel> {
  /** Schema for the positional argument tuple; the renderer is untrusted input. */
  readonly args: z.ZodType<ArgsOf<C>>;
  readonly run: (...args: ArgsOf<C>) => ResultOf<C> | Promise<ResultOf<C>>;
}

export type HandlerTable = { readonly [C in Channel]: Handler<C> };

export interface HandlerDeps {
  readonly appInfo: AppInfo;
  readonly host: AppHost;
}

const id = z.number().int().positive();
const offset = z.number().int().min(0);
const e164 = z.string().regex(E164_PATTERN);
const none = z.tuple([]);
/** An ISO 3166 country code, as the country lists give it. */
const country = z.string().regex(/^[A-Za-z]{2}$/);
/** 64 MiB of base64 per call: a very large address book, well short of exhausting memory. */
const MAX_UPLOAD_CHARS = 64 * 1024 * 1024;

export function createHandlers(deps: HandlerDeps): HandlerTable {
  const info: AppInfo = { ...deps.appInfo };
  const { host } = deps;
  const { db } = host;
  return reportStoreFailures(db.name, {
    'app:info': { args: none, run: () => ({ ...info }) },
    'app:ping': { args: z.tuple([z.string().min(1).max(128)]), run: (nonce) => nonce },
    'app:state': { args: none, run: () => host.state() },
    'settings:set-notifications': { args: z.tuple([z.boolean()]), run: (on) => host.setNotifications(on) },
    'settings:set-home-country': { args: z.tuple([country]), run: (region) => host.setHomeCountry(region) },
    'settings:set-theme': {
      args: z.tuple([z.enum(['system', 'light', 'dark'])]),
      run: (theme) => host.setTheme(theme),
    },
    'app:show-data-folder': { args: none, run: () => host.showDataFolder() },

    'account:set-own-number': {
      args: z.tuple([z.string().min(3).max(40), country]),
      run: (number, region) => host.setOwnNumber(number, region),
    },
    'account:start-verification': {
      args: z.tuple([z.string().url().max(2048).nullable()]),
      run: (url) => host.startVerification(url),
    },
    'account:verify': { args: z.tuple([z.string().regex(/^\d{6}$/)]), run: (code) => host.verify(code) },
    'account:set-discoverable': { args: z.tuple([z.boolean()]), run: (on) => host.setDiscoverable(on) },
    'account:discoverable': { args: none, run: () => host.discoverable() },
    'account:delete-data': { args: none, run: () => host.deleteServerData() },
    'account:delete-account': { args: none, run: () => host.deleteAccount() },
    'account:logout': { args: none, run: () => host.logout() },

    'sources:list': {
      args: none,
      run: () =>
        listSources(db).map((s) => ({
          id: s.id,
          path: s.path,
          name: s.path.split(/[\\/]/).pop() ?? s.path,
          kind: s.kind,
          importedAt: s.imported_at,
          recordsRead: s.records_read,
          // The people its cards are shown as: three cards of one person in one file count once.
          contacts: peopleCount(db, s.id),
          numbers: phoneCounts(db, s.id),
          issues: JSON.parse(s.report) as SourceIssue[],
        })),
    },
    'sources:import-files': {
      args: z.tuple([
        z
          .array(z.object({ name: z.string().min(1).max(255), data: z.string().max(MAX_UPLOAD_CHARS).base64() }))
          .min(1)
          .max(20),
      ]),
      run: (files) => host.importFiles(files),
    },
    'sources:choose-files': { args: none, run: () => host.chooseAndImport() },
    'sources:reimport': { args: z.tuple([id]), run: (sourceId) => host.reimportSource(sourceId) },
    'sources:remove': { args: z.tuple([id]), run: (sourceId) => host.removeSource(sourceId) },

    'contacts:page': {
      args: z.tuple([
        z.strictObject({
          offset,
          limit: z.number().int().min(1).max(500),
          search: z.string().max(200),
          filter: z.enum(['all', 'on-kith', 'not-on-kith', 'invalid', 'to-check', 'excluded']),
        }),
      ]),
      run: (query) => contactPage(db, query),
    },
    'contacts:detail': { args: z.tuple([id]), run: (contactId) => contactDetail(db, contactId) },
    // A data: URL over IPC rather than a URL the page loads: it works alike in Electron and in browser mode, needs
    // no new route or protocol, and the page's CSP (img-src 'self' data:) already allows it. See docs/import.md.
    'contacts:photo': { args: z.tuple([id]), run: (contactId) => photoDataUrl(db, contactId) },
    'contacts:set-excluded': {
      args: z.tuple([id, z.boolean()]),
      run: (contactId, excluded) => {
        // Every card of the person the contact is shown in.
        const changed = setPersonExcluded(db, contactId, excluded, Date.now());
        if (changed) host.changed();
        return changed;
      },
    },
    'contacts:set-apart': {
      args: z.tuple([id, z.boolean()]),
      run: (contactId, apart) => {
        const changed = setContactApart(db, contactId, apart, Date.now());
        if (changed) host.changed();
        return changed;
      },
    },
    'numbers:set-country': {
      args: z.tuple([id, z.number().int().min(0), country.nullable()]),
      run: (contactId, position, code) => host.setNumberCountry(contactId, position, code),
    },
    'contacts:set-country': {
      args: z.tuple([id, country.nullable()]),
      run: (contactId, code) => host.setContactCountry(contactId, code),
    },
    'numbers:set-excluded': {
      args: z.tuple([e164, z.boolean()]),
      run: (number, excluded) => {
        const target = setExclusion(db, number, excluded, Date.now());
        const changed = target.kind === 'number' && target.changed;
        if (changed) host.changed();
        return changed;
      },
    },
    'contacts:joined': { args: none, run: () => host.joined() },

    'sync:status': { args: none, run: () => host.syncStatus() },
    'sync:now': { args: none, run: () => host.syncNow() },
    'sync:retry': { args: none, run: () => host.retryNow() },
    'sync:resume': { args: none, run: () => host.resumeSync() },

    'privacy:upload-runs': {
      args: z.tuple([offset, z.number().int().min(1).max(500)]),
      run: (from, limit) => host.uploadRuns(from, limit),
    },
    'privacy:upload-run-batches': {
      args: z.tuple([id, offset, z.number().int().min(1).max(500)]),
      run: (runId, from, limit) => host.uploadRunBatches(runId, from, limit),
    },
    'privacy:upload-batch-numbers': {
      args: z.tuple([id, offset, z.number().int().min(1).max(1000)]),
      run: (batchId, from, limit) => host.uploadBatchNumbers(batchId, from, limit),
    },
    'privacy:exclusions': { args: none, run: () => host.exclusions() },
    'activity:list': { args: z.tuple([z.number().int().min(1).max(1000)]), run: (limit) => host.activity(limit) },
  });
}

/** Every handler, with a failure of the store (a full disk, a read-only file) turned into a `StoreError` naming it. */
function reportStoreFailures(path: string, table: HandlerTable): HandlerTable {
  const wrapped: Record<string, AnyHandler> = {};
  for (const [channel, handler] of Object.entries(table) as Array<[Channel, AnyHandler]>) {
    const rethrow = (err: unknown): never => {
      throw storeFailure(err, path) ?? err;
    };
    wrapped[channel] = {
      args: handler.args,
      run: (...args) => {
        try {
          const value = handler.run(...args);
          return value instanceof Promise ? value.catch(rethrow) : value;
        } catch (err) {
          return rethrow(err);
        }
      },
    };
  }
  return wrapped as unknown as HandlerTable;
}

export function fail(code: IpcErrorCode, message: string): IpcReply<never> {
  return { ok: false, error: { code, message } };
}

export function isChannel(table: HandlerTable, channel: unknown): channel is Channel {
  return typeof channel === 'string' && Object.hasOwn(table, channel);
}

export interface DispatchOptions {
  /** Where unexpected handler failures go; the renderer only gets a generic message. */
  readonly onError?: (channel: Channel, error: unknown) => void;
}

// Loose view of one handler, for calling through a channel known only at runtime.
type AnyHandler = { args: z.ZodType<unknown[]>; run: (...args: unknown[]) => unknown };

/** Validates `args` against the channel's schema and runs the handler. Never throws. */
export async function dispatch(
  table: HandlerTable,
  channel: unknown,
  args: unknown,
  options: DispatchOptions = {},
): Promise<IpcReply<unknown>> {
  if (!isChannel(table, channel)) {
    return fail('unknown-channel', 'Unknown IPC channel');
  }
  const handler = table[channel] as unknown as AnyHandler;
  const parsed = handler.args.safeParse(args);
  if (!parsed.success) {
    return fail('invalid-arguments', `${channel}: ${z.prettifyError(parsed.error)}`);
  }
  try {
    return { ok: true, value: await handler.run(...parsed.data) };
  } catch (error) {
    // Errors meant for the user (a wrong code, an unreachable server, a full disk) pass through; anything else stays
    // here.
    if (error instanceof UserError || error instanceof StoreError) return fail('failed', error.message);
    (options.onError ?? defaultOnError)(channel, error);
    return fail('internal', `${channel} failed`);
  }
}

function defaultOnError(channel: Channel, error: unknown): void {
  console.error(`[ipc] ${channel} failed:`, error);
}
