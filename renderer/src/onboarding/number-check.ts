import { validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js/min';

/**
 * What is wrong with the number typed at sign-in, before the app is asked: nothing typed, letters, or a length no
 * number can have. `country` names the picked region as the list shows it; a number written with its own +code is
 * measured against that code's country instead. Null when the length fits; the app still checks the number itself.
 */
export function ownNumberProblem(number: string, region: string, country: string): string | null {
  const typed = number.trim();
  if (typed.replace(/\D/g, '') === '') return 'Enter your phone number.';
  const ownCode = typed.startsWith('+');
  switch (validatePhoneNumberLength(typed, region as CountryCode)) {
    case 'TOO_SHORT':
      return ownCode
        ? 'This number is too short: check that no digit is missing.'
        : `This number is too short for ${country}: check that no digit is missing.`;
    case 'TOO_LONG':
      return ownCode
        ? 'This number is too long: check that no digit is doubled.'
        : `This number is too long for ${country}: check that no digit is doubled.`;
    case 'INVALID_LENGTH':
      return ownCode
        ? 'This number does not have the right number of digits.'
        : `This number does not have the right number of digits for ${country}.`;
    case 'INVALID_COUNTRY':
      return 'The country code at the start of this number is not one we know.';
    case 'NOT_A_NUMBER':
      return 'Enter your phone number in digits.';
    default:
      return null;
  }
}
