import { shell } from 'electron';

const allowedExternalProtocols = new Set(['https:', 'mailto:']);

/** Only web pages over TLS and mail drafts may leave the app; never file:, smb:, custom handlers, … */
export function isSafeExternalUrl(raw: string): boolean {
  try {
    return allowedExternalProtocols.has(new URL(raw).protocol);
  } catch {
    return false;
  }
}

export async function openExternalSafely(raw: string): Promise<boolean> {
  if (!isSafeExternalUrl(raw)) {
    console.warn('[shell] refused to open external URL with a disallowed scheme');
    return false;
  }
  await shell.openExternal(raw);
  return true;
}
