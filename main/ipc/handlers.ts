import { z } from 'zod';
import type { AppInfo, ArgsOf, Channel, IpcErrorCode, IpcReply, ResultOf } from './contract.ts';

// Plain Node on purpose: the Electron shell and the browser harness serve this same table.

export interface Handler<C extends Channel> {
  /** Schema for the positional argument tuple; the renderer is untrusted input. */
  readonly args: z.ZodType<ArgsOf<C>>;
  readonly run: (...args: ArgsOf<C>) => ResultOf<C> | Promise<ResultOf<C>>;
}

export type HandlerTable = { readonly [C in Channel]: Handler<C> };

export interface HandlerDeps {
  readonly appInfo: AppInfo;
}

export function createHandlers(deps: HandlerDeps): HandlerTable {
  const info: AppInfo = { ...deps.appInfo };
  return {
    'app:info': {
      args: z.tuple([]),
      run: () => ({ ...info }),
    },
    'app:ping': {
      args: z.tuple([z.string().min(1).max(128)]),
      run: (nonce) => nonce,
    },
  };
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
    (options.onError ?? defaultOnError)(channel, error);
    return fail('internal', `${channel} failed`);
  }
}

function defaultOnError(channel: Channel, error: unknown): void {
  console.error(`[ipc] ${channel} failed:`, error);
}
