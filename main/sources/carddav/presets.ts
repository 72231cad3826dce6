// Known providers: where their CardDAV service starts.
export const PRESETS = {
  icloud: { start: () => 'https://contacts.icloud.com' },
  fastmail: { start: () => 'https://carddav.fastmail.com' },
  nextcloud: { start: (base: string) => `${base.replace(/\/+$/, '')}/remote.php/dav` },
} as const;

export type Preset = keyof typeof PRESETS;

/** The URL to discover from for a provider; Nextcloud needs the instance's own address. */
export function presetUrl(preset: Preset, base = ''): string {
  if (preset === 'nextcloud' && !base) throw new Error('bug: a Nextcloud preset needs the instance URL');
  return PRESETS[preset].start(base);
}
