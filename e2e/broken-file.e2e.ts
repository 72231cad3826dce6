import { importThroughUi, signUp, writeAddressBook } from './app.ts';
import { expect, test } from './fixtures.ts';

// A damaged address book: the problems are named by file and line, and the good cards around them still arrive.

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
  '',
].join('\r\n');

test('a broken card is reported by file and line, and the good cards around it are imported', async ({
  kith,
  syncServer: server,
}, testInfo) => {
  const { page } = kith;
  const file = await writeAddressBook(testInfo, 'broken.vcf', broken);

  await signUp(page, me, server.url);
  await importThroughUi(page, [file]);

  const report = page.getByTestId('import-report');
  await expect(report).toHaveAttribute('data-file', 'broken.vcf');
  await expect(report.getByTestId('import-summary')).toHaveText(
    '4 contacts: 4 added, 0 updated, 0 unchanged, 0 removed · 2 problems',
  );
  await expect(report.getByTestId('import-issue')).toHaveText([
    /^broken\.vcf:6: card has no END:VCARD; it was cut where the next BEGIN:VCARD starts \(line 10\)$/,
    /^broken\.vcf:19: invalid base64 in PHOTO/,
  ]);
  await expect(page.getByTestId('import-error')).toHaveCount(0);

  // The source keeps its problems for later reading.
  const source = page.getByTestId('source-row');
  await expect(source.getByTestId('source-name')).toHaveText('broken.vcf');
  await expect(source.getByTestId('source-counts')).toContainText('4 contacts from 4 records');
  await source.getByTestId('source-issues-toggle').click();
  await expect(source.getByTestId('source-issue')).toHaveText([/^broken\.vcf:6: /, /^broken\.vcf:19: /]);

  await page.getByTestId('nav-contacts').click();
  await expect(page.getByTestId('contacts-count')).toHaveText('4 contacts');
  const rows = page.getByTestId('contact-row');
  await expect(rows).toContainText(['Broken Two', 'Good One', 'Good Three', 'Photo Four']);
  await expect(rows).toHaveCount(4);

  await rows.filter({ hasText: 'Good Three' }).click();
  const detail = page.getByTestId('contact-detail');
  await expect(detail.getByTestId('detail-name')).toHaveText('Good Three');
  await expect(detail.getByTestId('detail-source')).toHaveText('From broken.vcf, line 10');
  await expect(detail.getByTestId('detail-phone')).toHaveAttribute('data-status', 'valid');
  await expect(detail.getByTestId('detail-phone-e164')).toHaveText('+16135550163');
});
