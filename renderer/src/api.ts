import type { AppEvent, IpcErrorCode, IpcReply, KithApi } from '../../main/ipc/contract.ts';
import { t } from '../../i18n/index.ts';

/** A `{ ok: false }` reply, thrown so callers can use try/catch and show `message` next to the field. */
export class ApiError extends Error {
  readonly code: IpcErrorCode;

  constructor(code: IpcErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

type Methods = Omit<KithApi, 'onEvent'>;
type Unwrapped<R> = R extends Promise<IpcReply<infer T>> ? Promise<T> : never;

/** `window.kith` with every reply unwrapped: resolves with the value, rejects with an ApiError. */
export type Api = {
  readonly [M in keyof Methods]: (...args: Parameters<Methods[M]>) => Unwrapped<ReturnType<Methods[M]>>;
};

function bridge(): KithApi {
  const kith = window.kith;
  if (!kith) throw new ApiError('internal', t('status.bridgeMissing'));
  return kith;
}

export const api: Api = new Proxy({} as Api, {
  get(_target, method: string) {
    return async (...args: unknown[]) => {
      const call = (bridge() as unknown as Record<string, (...a: unknown[]) => Promise<IpcReply<unknown>>>)[method];
      // A bug: the renderer calls a method the contract does not have.
      if (!call) throw new Error(`No method ${method} on the app bridge`);
      const reply = await call(...args);
      if (!reply.ok) throw new ApiError(reply.error.code, reply.error.message);
      return reply.value;
    };
  },
});

/** Subscribes to pushed events; returns the unsubscribe function. */
export function onAppEvent(listener: (event: AppEvent) => void): () => void {
  return bridge().onEvent(listener);
}

/** The technical text of a failure of any kind (useAction turns it into words, see i18n/error-text.ts). */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
