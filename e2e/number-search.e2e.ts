import { signUp, writeAddressBook } from './app.ts';
import { expect, test } from './fixtures.ts';

// A number typed into the search box the way the list shows it, or any other way a person writes it, finds the
// contact by the name saved for it.

const me = { region: 'GB', number: '07400 000001' };
const book = [
  { name: 'Erika Mustermann', phones: ['07400 015000'] },
  { name: 'Tom Baker', phones: ['+44 7400 777888'] },
  { name: 'Paula Premium', phones: ['0905 555 1234'] },
  { name: 'Pat Toronto', phones: ['+1 (905) 555-1234'] },
  { name: 'Ravi Kumar', phones: ['+91 90502 01750'] },
];

test('a number typed as shown, or in any form, finds its contact by name', async ({
  kith,
  syncServer: server,
}, testInfo) => {
  const { page } = kith;
  const file = await writeAddressBook(testInfo, 'numbers.vcf', book);
  await signUp(page, me, server.url);
  const [report] = await kith.importPaths([file]);
  expect(report).toMatchObject({ error: null, contacts: book.length });

  await page.getByTestId('nav-contacts').click();
  const rows = page.getByTestId('contact-row');
  await expect(rows).toHaveCount(book.length);
  // The list shows home numbers in national form, others internationally: what a person reads and types back.
  await expect(rows.filter({ hasText: 'Erika Mustermann' })).toContainText('07400 015000');
  await expect(rows.filter({ hasText: 'Paula Premium' })).toContainText('0905 555 1234');

  const search = page.getByTestId('contacts-search');
  const expectFound = async (typed: string, names: string[]) => {
    await search.fill(typed);
    await expect(rows, typed).toHaveCount(names.length);
    for (const name of names) await expect(rows.filter({ hasText: name }), typed).toHaveCount(1);
  };

  await expectFound('07400 015000', ['Erika Mustermann']);
  await expectFound('07400015000', ['Erika Mustermann']);
  await expectFound('+44 7400 015000', ['Erika Mustermann']);
  await expectFound('7400 015000', ['Erika Mustermann']);
  await expectFound('0044 7400', ['Erika Mustermann', 'Tom Baker']);
  await expectFound('(0905) 555-1234', ['Paula Premium']);
  await expectFound('0905 555 1234', ['Paula Premium']);
  await expectFound('905-555-1234', ['Paula Premium', 'Pat Toronto']);
  await expectFound('+1 905 555', ['Pat Toronto']);
  await expectFound('0091 90502 01750', ['Ravi Kumar']);
  await expectFound('Erika 0740', ['Erika Mustermann']);

  // Digit by digit, the list narrows to the contact and never loses it.
  await search.fill('');
  await search.pressSequentially('07400 01');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('Erika Mustermann');

  await search.fill('07400 015001');
  await expect(page.getByTestId('contacts-empty')).toHaveText('No contacts match.');
});
