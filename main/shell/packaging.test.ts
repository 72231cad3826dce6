import type { Configuration, FileAssociation } from 'electron-builder';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// electron-builder.yml, read by electron-builder's own loader and checked against its own schema, then held to
// the packaging rules: targets, the file association, the native addon outside the archive, every fuse.

interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: unknown): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '..', '..');
// The app-builder-lib that electron-builder itself uses, wherever npm placed it.
const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const loader = requireFromBuilder('app-builder-lib/out/util/config/config.js') as ConfigModule;
const { DebugLogger } = requireFromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

let config: Configuration;

beforeAll(async () => {
  config = await loader.getConfig(root, null, null);
});

const targets = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).map((t) => (typeof t === 'string' ? t : (t as { target: string }).target));

describe('electron-builder.yml', () => {
  it('is valid against the installed electron-builder schema', async () => {
    await expect(loader.validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app', () => {
    expect(config.appId).toBe('app.kith.desktop');
    expect(config.productName).toBe('Kith');
    expect(config.directories?.buildResources).toBe('resources');
  });

  it('packs only the build output, in an asar, with native addons unpacked', () => {
    // The loader folds the plain list into one file set.
    const patterns = ([] as unknown[])
      .concat(config.files ?? [])
      .flatMap((set) =>
        typeof set === 'string' ? [set] : ([] as string[]).concat((set as { filter?: string[] }).filter ?? []),
      );
    expect(patterns).toEqual(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json', '!**/*.map']);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node']));
  });

  it('builds AppImage and deb, a hardened dmg that explains contacts access, and an NSIS installer', () => {
    expect(targets(config.linux?.target).sort()).toEqual(['AppImage', 'deb']);
    expect(config.linux?.maintainer).toBeTruthy();
    expect(targets(config.mac?.target)).toEqual(['dmg']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.extendInfo?.['NSContactsUsageDescription']).toMatch(/contacts/i);
    expect(targets(config.win?.target)).toEqual(['nsis']);
  });

  it('opens .vcf and .vcard files (and offers itself for .csv without claiming it)', () => {
    const associations = ([] as FileAssociation[]).concat(config.fileAssociations ?? []);
    const extensions = associations.flatMap((a) => ([] as string[]).concat(a.ext));
    expect(extensions).toEqual(expect.arrayContaining(['vcf', 'vcard', 'csv']));
    const csv = associations.find((a) => ([] as string[]).concat(a.ext).includes('csv'));
    expect(csv?.rank).toBe('Alternate');
    const vcard = associations.find((a) => ([] as string[]).concat(a.ext).includes('vcf'));
    expect(vcard?.mimeType).toBe('text/vcard');
  });

  it('sets every fuse explicitly, with the ways to run as Node or inject code off', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

describe('resources/', () => {
  it('holds an icon of at least 512×512 for every platform', () => {
    for (const icon of [config.mac?.icon, config.win?.icon, config.linux?.icon]) expect(icon).toBe('icon.png');
    const png = readFileSync(path.join(root, 'resources', 'icon.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
  });

  it('holds the macOS entitlements the config names, with JIT and the address book', () => {
    expect(config.mac?.entitlements).toBe('entitlements.mac.plist');
    const plist = path.join(root, 'resources', 'entitlements.mac.plist');
    expect(existsSync(plist)).toBe(true);
    const text = readFileSync(plist, 'utf8');
    expect(text).toContain('com.apple.security.cs.allow-jit');
    expect(text).toContain('com.apple.security.personal-information.addressbook');
    expect(text).not.toContain('com.apple.security.cs.allow-dyld-environment-variables');
  });
});
