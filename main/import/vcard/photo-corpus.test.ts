import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVcardChunk, splitVcards } from './index.ts';

const CORPUS = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'corpus');

function vcfFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return vcfFiles(path);
    return name.endsWith('.vcf') ? [relative(CORPUS, path)] : [];
  });
}

describe('the photos of the fixture corpus, as real exporters write them', () => {
  const kept: string[] = [];
  const said: string[] = [];
  for (const file of vcfFiles(CORPUS).sort()) {
    for (const chunk of splitVcards(readFileSync(join(CORPUS, file)), file).cards) {
      let card;
      try {
        card = parseVcardChunk(chunk);
      } catch {
        continue;
      }
      if (card.photo) kept.push(`${file} ${card.photo.mime} ${card.photo.width}×${card.photo.height}`);
      for (const issue of card.issues ?? []) {
        if (issue.message.startsWith('The PHOTO ')) said.push(`${file}:${issue.line}: ${issue.message}`);
      }
    }
  }

  it('keeps every embedded JPEG and PNG, with the size its header gives', () => {
    expect(kept).toEqual([
      'aosp-vcard/v21_base64_no_2_crlf.vcf image/jpeg 96×72',
      'aosp-vcard/v21_blackberry_photo.vcf image/png 50×58',
      'aosp-vcard/v21_complicated.vcf image/jpeg 96×72',
      'aosp-vcard/v30_ios_613_multiline.vcf image/jpeg 50×50',
      'ez-vcard/John_Doe_IPHONE.vcf image/jpeg 320×320',
      'ez-vcard/John_Doe_LOTUS_NOTES.vcf image/jpeg 200×200',
      'ez-vcard/John_Doe_MAC_ADDRESS_BOOK.vcf image/jpeg 256×256',
      'ez-vcard/John_Doe_MS_OUTLOOK.vcf image/jpeg 32×26',
      'ez-vcard/outlook-2007.vcf image/jpeg 72×86',
      'ez-vcard/thunderbird-MoreFunctionsForAddressBook-extension.vcf image/jpeg 100×132',
      'sabre-vobject/issue153.vcf image/jpeg 320×320',
      'thunderbird/v3-binary-jpeg.vcf image/jpeg 128×128',
    ]);
  });

  it('says why it kept none: links are never fetched, a cut-off JPEG and a text are not images', () => {
    const link = 'The PHOTO is a link, and Kith never fetches links, so it was ignored.';
    expect(said).toEqual([
      // This JPEG stops inside its tables, before any frame header.
      'ez-vcard/John_Doe_ANDROID.vcf:52: The PHOTO image is damaged: its size could not be read from it, so it was ignored.',
      `ez-vcard/fullcontact.vcf:19: ${link}`,
      `ez-vcard/fullcontact.vcf:21: ${link}`,
      `ez-vcard/fullcontact.vcf:23: ${link}`,
      `ical.js/vcard.vcf:24: ${link}`,
      `ical.js/vcard3.vcf:8: ${link}`,
      // "Hello, this is not a real image just a test."
      'ical.js/vcard3.vcf:10: The PHOTO is not a PNG, JPEG, GIF or WebP image, so it was ignored.',
      `node-vcf/empty-lines.vcf:8: ${link}`,
      `node-vcf/multiple.vcf:8: ${link}`,
      `node-vcf/multiple.vcf:23: ${link}`,
      `node-vcf/multiple.vcf:37: ${link}`,
      `node-vcf/vcard-2.1.vcf:6: ${link}`,
      `node-vcf/xing.vcf:13: ${link}`,
    ]);
  });
});
