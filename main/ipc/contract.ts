// The IPC contract between the UI and the main process. Types only, so the renderer,
// the preload and the engine can all import it without pulling in runtime code.

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
}

/**
 * Every channel the UI may call. `method` is the name the UI sees on `window.kith`;
 * `args` is the positional argument tuple; `result` is the value of a successful reply.
 */
export interface IpcContract {
  'app:info': { method: 'appInfo'; args: []; result: AppInfo };
  'app:ping': { method: 'ping'; args: [nonce: string]; result: string };
}

export type Channel = keyof IpcContract;
export type MethodName = IpcContract[Channel]['method'];
export type ChannelOf<M extends MethodName> = {
  [C in Channel]: IpcContract[C]['method'] extends M ? C : never;
}[Channel];
export type ArgsOf<C extends Channel> = IpcContract[C]['args'];
export type ResultOf<C extends Channel> = IpcContract[C]['result'];

export type IpcErrorCode = 'invalid-arguments' | 'forbidden-sender' | 'unknown-channel' | 'internal';

export interface IpcError {
  code: IpcErrorCode;
  message: string;
}

// Failures travel as data, not exceptions: thrown errors lose their fields when they cross
// the context bridge or an HTTP hop, a plain object does not.
export type IpcReply<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** What the UI sees as `window.kith`: one named function per channel. */
export type KithApi = {
  readonly [C in Channel as IpcContract[C]['method']]: (...args: ArgsOf<C>) => Promise<IpcReply<ResultOf<C>>>;
};
