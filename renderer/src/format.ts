// Dates, counts and plurals in the user's locale.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const numbers = new Intl.NumberFormat();
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function formatTime(ms: number): string {
  return dateTime.format(ms);
}

export function formatCount(n: number): string {
  return numbers.format(n);
}

/** "1 contact", "2,345 contacts". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "just now", "3 minutes ago", "in 20 seconds". */
export function formatRelative(ms: number, now: number): string {
  let amount = (ms - now) / 1000;
  if (Math.abs(amount) < 10) return 'just now';
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) return relative.format(Math.round(amount), unit);
    amount /= size;
  }
  return formatTime(ms);
}

/** The last part of a file path, either separator. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
