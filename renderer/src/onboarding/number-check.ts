import { validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js/min';
import { t } from '../../../i18n/index.ts';

/**
 * What is wrong with the number typed at sign-in, before the app is asked: nothing typed, letters, or a length no
 * number can have. `country` names the picked region as the list shows it; a number written with its own +code is
 * measured against that code's country instead. Null when the length fits; the app still checks the number itself.
 */
export function ownNumberProblem(number: string, region: string, country: string): string | null {
  const typed = number.trim();
  if (typed.replace(/\D/g, '') === '') return t('onboarding.number.empty');
  const ownCode = typed.startsWith('+');
  switch (validatePhoneNumberLength(typed, region as CountryCode)) {
    case 'TOO_SHORT':
      return ownCode ? t('onboarding.number.tooShort') : t('onboarding.number.tooShortFor', { country });
    case 'TOO_LONG':
      return ownCode ? t('onboarding.number.tooLong') : t('onboarding.number.tooLongFor', { country });
    case 'INVALID_LENGTH':
      return ownCode ? t('onboarding.number.badLength') : t('onboarding.number.badLengthFor', { country });
    case 'INVALID_COUNTRY':
      return t('onboarding.number.badCountry');
    case 'NOT_A_NUMBER':
      return t('onboarding.number.notDigits');
    default:
      return null;
  }
}
