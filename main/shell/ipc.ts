import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Channel, IpcReply } from '../ipc/contract.ts';
import { dispatch, fail, type DispatchOptions, type HandlerTable } from '../ipc/handlers.ts';

/**
 * Serves the handler table over ipcMain.handle. Only frames showing the app's own origin
 * may call; arguments are validated by the table itself. Returns an unregister function.
 */
export function registerIpc(
  table: HandlerTable,
  isTrustedSender: (url: string) => boolean,
  options: DispatchOptions = {},
): () => void {
  const channels = Object.keys(table) as Channel[];
  for (const channel of channels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<IpcReply<unknown>> => {
      // senderFrame is null once the frame has navigated away or been destroyed.
      const url = event.senderFrame?.url;
      if (!url || !isTrustedSender(url)) {
        console.warn(`[ipc] rejected ${channel} from an untrusted frame`);
        return Promise.resolve(fail('forbidden-sender', `${channel}: sender is not the app`));
      }
      return dispatch(table, channel, args, options);
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
