import { importThroughUi, signUp, writeAddressBook } from './app.ts';
import { expect, test } from './fixtures.ts';

// A damaged address book: the problems are told in sentences, grouped under the file and named by line, they can be
// copied as `file:line: message` lines, and the good cards around them still arrive. Garbage never becomes a contact.

const me = { region: 'CA', number: '613 555 0100' };
const broken = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'FN:Good One',
  'TEL;TYPE=CELL:613 555 0161',
  'END:VCARD',
  // Line 6: a card whose END:VCARD is missing.
  'BEGIN:VCARD',
  'VERSION:3.0',
  'FN:Broken Two',
  'TEL;TYPE=CELL:613 555 0162',
  // Line 10.
  'BEGIN:VCARD',
  'VERSION:3.0',
  'FN:Good Three',
  'TEL;TYPE=CELL:613 555 0163',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:3.0',
  'FN:Photo Four',
  'TEL;TYPE=CELL:613 555 0164',
  // Line 19: a photo that is not base64.
  'PHOTO;ENCODING=b;TYPE=JPEG:this is %% not base64 !!',
  'END:VCARD',
  // Line 21: a card with neither a name nor a number.
  'BEGIN:VCARD',
  'VERSION:3.0',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:2.1',
  // Line 26: a quoted-printable name cut inside a character.
  'FN;ENCODING=QUOTED-PRINTABLE:=E2=9',
  'TEL;CELL:613 555 0165',
  'END:VCARD',
  '',
].join('\r\n');

/** The part of the page's globals the test uses (this file is typed for Node, without the DOM's types). */
interface PageGlobals {
  navigator: { clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> } };
}

const problems: Array<[number, string]> = [
  [6, 'This card has no END:VCARD, so it was ended where the next card starts, on line 10.'],
  [19, 'The PHOTO data is not valid base64, so it was ignored.'],
  [21, 'This card has no name and no phone number, so it was skipped.'],
  [26, 'The name could not be decoded; what could not be decoded was kept as written: “=E2=9”.'],
];
const shown = problems.map(([line, message]) => `Line ${line}: ${message}`);
const copied = problems.map(([line, message]) => `broken.vcf:${line}: ${message}\n`).join('');

test('a broken file’s problems are sentences grouped under the file, copied as file:line lines, and no garbage is stored', async ({
  kith,
  syncServer: server,
}, testInfo) => {
  const { page } = kith;
  const file = await writeAddressBook(testInfo, 'broken.vcf', broken);
  // The harness page reads the clipboard back; in Electron the app may only write it, and says when it did.
  if (kith.target === 'browser') await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);

  await signUp(page, me, server.url);
  await importThroughUi(page, [file]);

  const report = page.getByTestId('import-report');
  await expect(report).toHaveAttribute('data-file', 'broken.vcf');
  await expect(report.getByTestId('import-summary')).toHaveText(
    '5 contacts: 5 added, 0 updated, 0 unchanged, 0 removed',
  );
  await expect(page.getByTestId('import-error')).toHaveCount(0);

  // Collapsed, with the count; opened from the keyboard.
  const toggle = report.getByTestId('import-issues-toggle');
  await expect(toggle).toHaveText('4 problems');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(report.getByTestId('import-issue').first()).toBeHidden();
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(report.getByTestId('import-issue')).toHaveText(shown);
  await expect(report.getByTestId('import-issue').first()).toBeVisible();
  await page.keyboard.press('Space');
  await expect(report.getByTestId('import-issue').first()).toBeHidden();

  await report.getByTestId('import-issues-copy').click();
  await expect(report.getByTestId('import-issues-copied')).toHaveText('Copied to the clipboard.');
  if (kith.target === 'browser') {
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).navigator.clipboard.readText())).toBe(
      copied,
    );
  }

  // The source keeps its problems for later reading, grouped and copyable the same way.
  const source = page.getByTestId('source-row');
  await expect(source.getByTestId('source-name')).toHaveText('broken.vcf');
  await expect(source.getByTestId('source-counts')).toContainText('5 contacts from 6 records');
  await expect(source.getByTestId('source-issues-toggle')).toHaveText('4 problems');
  await source.getByTestId('source-issues-toggle').click();
  await expect(source.getByTestId('source-issue')).toHaveText(shown);
  if (kith.target === 'browser') {
    await page.evaluate(() => (globalThis as unknown as PageGlobals).navigator.clipboard.writeText(''));
    await source.getByTestId('source-issues-copy').click();
    await expect(source.getByTestId('source-issues-copied')).toHaveText('Copied to the clipboard.');
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).navigator.clipboard.readText())).toBe(
      copied,
    );
  }

  // No blank row, no mojibake, and the damaged name after the letters rather than first.
  await page.getByTestId('nav-contacts').click();
  await expect(page.getByTestId('contacts-count')).toHaveText('5 contacts');
  const rows = page.getByTestId('contact-row');
  await expect(rows).toHaveCount(5);
  await expect(rows).toContainText(['Broken Two', 'Good One', 'Good Three', 'Photo Four', '=E2=9']);
  await expect(rows.filter({ hasText: 'â' })).toHaveCount(0);

  await rows.filter({ hasText: 'Good Three' }).click();
  const detail = page.getByTestId('contact-detail');
  await expect(detail.getByTestId('detail-name')).toHaveText('Good Three');
  await expect(detail.getByTestId('detail-source')).toHaveText('From broken.vcf, line 10');
  await expect(detail.getByTestId('detail-phone')).toHaveAttribute('data-status', 'valid');
  await expect(detail.getByTestId('detail-phone-e164')).toHaveText('+16135550163');
});
