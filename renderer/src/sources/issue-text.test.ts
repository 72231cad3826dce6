import { describe, expect, it } from 'vitest';
import { issuesAsText } from './issue-text.ts';

describe('issuesAsText', () => {
  it('gives one file:line: message line per problem, the file by its name only', () => {
    const issues = [
      {
        file: '/data/imports/broken.vcf',
        line: 6,
        message: 'This card has no name and no phone number, so it was skipped.',
      },
      { file: 'C:\\Users\\ann\\book.vcf', line: 12, message: 'The PHOTO data is not valid base64, so it was ignored.' },
    ];
    expect(issuesAsText(issues)).toBe(
      'broken.vcf:6: This card has no name and no phone number, so it was skipped.\n' +
        'book.vcf:12: The PHOTO data is not valid base64, so it was ignored.\n',
    );
    expect(issuesAsText([])).toBe('');
  });
});
