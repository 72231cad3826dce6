import { shell } from 'electron';
import { isAbsolute } from 'node:path';

/** Opens a folder in the OS file manager (Finder, Explorer, Files); fails with the reason the OS gives. */
export async function revealFolder(folder: string): Promise<void> {
  if (!isAbsolute(folder)) throw new Error(`not an absolute path: ${folder}`);
  // openPath answers with an error message, empty on success, rather than rejecting.
  const failure = await shell.openPath(folder);
  if (failure) throw new Error(failure);
}
