import { describe, expect, it } from 'vitest';
import { ownNumberProblem } from './number-check.ts';

describe('ownNumberProblem', () => {
  it('asks for a number when none was typed', () => {
    expect(ownNumberProblem('', 'CA', 'Canada')).toBe('Enter your phone number.');
    expect(ownNumberProblem('  -  ', 'CA', 'Canada')).toBe('Enter your phone number.');
  });

  it('says a number is too short, or too long, for the picked country', () => {
    expect(ownNumberProblem('12', 'CA', 'Canada')).toBe(
      'This number is too short for Canada: check that no digit is missing.',
    );
    expect(ownNumberProblem('613 555 0100 99', 'CA', 'Canada')).toBe(
      'This number is too long for Canada: check that no digit is doubled.',
    );
  });

  it('measures a number written with its own +code against that code, without naming the picked country', () => {
    expect(ownNumberProblem('+1 2', 'GB', 'United Kingdom')).toBe(
      'This number is too short: check that no digit is missing.',
    );
    expect(ownNumberProblem('+44 7400 123456', 'CA', 'Canada')).toBeNull();
    expect(ownNumberProblem('+999 1234567', 'CA', 'Canada')).toBe(
      'The country code at the start of this number is not one we know.',
    );
  });

  it('lets a number of the right length through', () => {
    expect(ownNumberProblem('(613) 555-0100', 'CA', 'Canada')).toBeNull();
    expect(ownNumberProblem('07400 123456', 'GB', 'United Kingdom')).toBeNull();
  });

  it('asks for digits when there are letters in the way', () => {
    expect(ownNumberProblem('ab12', 'CA', 'Canada')).toBe('Enter your phone number in digits.');
  });
});
