/** What a hostile client puts where a value goes. */
import type { Field } from './requests.ts';

/** Texts meant to break out of a query, a quote, a path, a length or a direction, or to end a C string early. */
export const HOSTILE_TEXTS: readonly string[] = [
  '0)or(1',
  "'",
  '"',
  "' or '1'='1",
  '"; drop table users; --',
  '%00',
  'a\u0000b',
  '\u0000',
  'A'.repeat(10_000),
  '\u202Egnp.exe',
  '\u200F\u05E9\u05DC\u05D5\u05DD',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '\\',
  ' ',
  '',
];

/** Integers written in ways a lenient parser would take; a query or path integer must refuse every one. */
export const LOOSE_INTEGERS: readonly string[] = [
  '0x10',
  '1e3',
  ' 1',
  '1 ',
  '01',
  '+1',
  '-1',
  '1.5',
  '1_000',
  '９',
  '9007199254740993',
];

/** Values of every JSON type, for a body value of another type. */
const JSON_VALUES: readonly unknown[] = [123, 1.5, -1, 1e308, true, null, [], {}, '12', ['x'], { a: 1 }];

const typeOf = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;

/** The values to try at a field: hostile texts wherever text goes, and values of the wrong type everywhere. */
export function hostileValues(field: Field): unknown[] {
  // Path and query values travel as text: the wrong "types" there are texts that are not what is expected.
  if (field.part !== 'body') {
    return field.type === 'integer' ? [...HOSTILE_TEXTS, ...LOOSE_INTEGERS] : [...HOSTILE_TEXTS];
  }
  const wrongTypes = JSON_VALUES.filter((v) => {
    const t = typeOf(v);
    if (field.type === 'number') return t !== 'integer' && t !== 'number';
    return t !== field.type;
  });
  // Structure (an array, an object) is probed with wrong types only; its leaves get the texts.
  if (field.type === 'array' || field.type === 'object') return wrongTypes;
  if (field.type === 'string') return [...HOSTILE_TEXTS, ...wrongTypes];
  // Integers out of every range the API has, and past what a double holds exactly.
  return field.type === 'integer' ? [...wrongTypes, -1, 2 ** 53 + 2] : wrongTypes;
}

/** A text worth looking for in an answer: odd enough that finding it there means it was echoed. */
export function distinctive(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  return value.length >= 1000 || (value.length >= 4 && /[^A-Za-z0-9 ]/.test(value));
}
