import { describe, expect, it } from 'vitest';
import { startUrl, type SrvResolver } from './discover.ts';
import { PRESETS, presetUrl } from './presets.ts';

const noSrv: SrvResolver = {
  resolveSrv: () => Promise.reject(Object.assign(new Error('queryNotFound'), { code: 'ENOTFOUND' })),
};

describe('where discovery starts', () => {
  it('uses the SRV record of a bare domain, lowest priority then highest weight', async () => {
    const asked: string[] = [];
    const resolver: SrvResolver = {
      resolveSrv: (name) => {
        asked.push(name);
        return Promise.resolve([
          { name: 'backup.example.net', port: 443, priority: 20, weight: 0 },
          { name: 'light.example.net', port: 8443, priority: 10, weight: 1 },
          { name: 'dav.example.net.', port: 8443, priority: 10, weight: 5 },
        ]);
      },
    };
    expect(await startUrl('example.com', resolver)).toBe('https://dav.example.net:8443/.well-known/carddav');
    expect(asked).toEqual(['_carddavs._tcp.example.com']);
  });

  it('falls back to https://domain/.well-known/carddav without an SRV record, or with the "." target', async () => {
    expect(await startUrl('example.com', noSrv)).toBe('https://example.com/.well-known/carddav');
    const dot: SrvResolver = { resolveSrv: () => Promise.resolve([{ name: '.', port: 0, priority: 0, weight: 0 }]) };
    expect(await startUrl('example.com/', dot)).toBe('https://example.com/.well-known/carddav');
  });

  it('keeps a URL with a path, and sends a bare origin to /.well-known/carddav', async () => {
    expect(await startUrl('https://cloud.example.com/remote.php/dav', noSrv)).toBe(
      'https://cloud.example.com/remote.php/dav',
    );
    expect(await startUrl('https://contacts.example.com', noSrv)).toBe(
      'https://contacts.example.com/.well-known/carddav',
    );
  });
});

describe('provider presets', () => {
  it('knows iCloud, Fastmail and Nextcloud', () => {
    expect(Object.keys(PRESETS).sort()).toEqual(['fastmail', 'icloud', 'nextcloud']);
    expect(presetUrl('icloud')).toBe('https://contacts.icloud.com');
    expect(presetUrl('fastmail')).toBe('https://carddav.fastmail.com');
    expect(presetUrl('nextcloud', 'https://cloud.example.org/')).toBe('https://cloud.example.org/remote.php/dav');
    expect(() => presetUrl('nextcloud')).toThrow(/instance URL/);
  });
});
