// The one way user-visible text is made: messages from the catalog, formatted by FormatJS (ICU MessageFormat),
// and numbers and dates in the user's locale. Runs unchanged in the renderer and under plain Node.
import { IntlMessageFormat } from 'intl-messageformat';
import { catalog, type MessageId } from './catalog.ts';

export type { MessageId } from './catalog.ts';

/** The values a message's ICU arguments take. */
export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;

function defaultLocale(): string {
  // The renderer has no `process`; the CLI has no `navigator` before Node 21's, which says "en-US" whatever LANG is.
  const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env;
  const fromEnv = (env?.['LC_ALL'] || env?.['LC_MESSAGES'] || env?.['LANG'])?.split(/[.@]/)[0]?.replace('_', '-');
  const candidates = [fromEnv, typeof navigator === 'undefined' ? undefined : navigator.language];
  for (const candidate of candidates) {
    if (!candidate || candidate === 'C' || candidate === 'POSIX') continue;
    try {
      return Intl.getCanonicalLocales(candidate)[0] ?? 'en';
    } catch {
      // An unknown tag: try the next.
    }
  }
  return new Intl.NumberFormat().resolvedOptions().locale;
}

let locale: string;
let compiled: Map<MessageId, IntlMessageFormat>;
let numbers: Intl.NumberFormat;
let dateTimes: Intl.DateTimeFormat;
let relative: Intl.RelativeTimeFormat;

/** The locale numbers and dates are formatted in. The catalog itself is English. */
export function currentLocale(): string {
  return locale;
}

/** Changes the formatting locale (tests, and a user's choice). */
export function setLocale(next: string): void {
  locale = Intl.getCanonicalLocales(next)[0] ?? 'en';
  compiled = new Map();
  numbers = new Intl.NumberFormat(locale);
  dateTimes = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
}

setLocale(defaultLocale());

function formatter(id: MessageId): IntlMessageFormat {
  let found = compiled.get(id);
  if (!found) {
    // Plural rules follow English, the catalog's language (a Japanese locale must not pick "1 contacts");
    // numbers and dates inside a message follow the user's locale.
    found = new IntlMessageFormat(catalog[id], 'en', undefined, {
      ignoreTag: true,
      formatters: {
        getNumberFormat: (_locales, options) => new Intl.NumberFormat(locale, options as Intl.NumberFormatOptions),
        getDateTimeFormat: (_locales, options) => new Intl.DateTimeFormat(locale, options),
        getPluralRules: (_locales, options) => new Intl.PluralRules('en', options),
      },
    });
    compiled.set(id, found);
  }
  return found;
}

/** Whether `id` names a message of this catalog (ids read back from storage may come from another version). */
export function isMessageId(id: string): id is MessageId {
  return Object.hasOwn(catalog, id);
}

/** The message `id` with its ICU arguments filled in. */
export function t(id: MessageId, values?: MessageValues): string {
  const out = formatter(id).format(values as Record<string, string | number | boolean | Date>);
  return typeof out === 'string' ? out : String(out);
}

/** "20,073" in en, "20.073" in de. */
export function formatNumber(n: number): string {
  return numbers.format(n);
}

/** A moment, as date and time. */
export function formatDateTime(ms: number): string {
  return dateTimes.format(ms);
}

const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  // Beyond a century, the date says more than a count of years.
  ['year', 100],
];

/** "just now", "3 minutes ago", "in 20 seconds". */
export function formatRelative(ms: number, now: number): string {
  let amount = (ms - now) / 1000;
  if (Math.abs(amount) < 10) return t('time.justNow');
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) return relative.format(Math.round(amount), unit);
    amount /= size;
  }
  return formatDateTime(ms);
}
