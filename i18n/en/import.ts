// What an import says about a file, a card or a row it could not read as written, and the choices it refuses.
export default {
  'import.loneCrAsLineEnd': 'A lone carriage return was read as the end of this line.',
  'import.loneCrAsSpace': 'A lone carriage return inside a value was read as a space.',
  'import.loneCrMore':
    '{count, plural, one {One more lone carriage return, on this line, was repaired the same way and is not listed.} other {# more lone carriage returns, from this line on, were repaired the same way and are not listed.}}',

  'import.nothingUsableCard': 'This card has no name and no phone number, so it was skipped.',
  'import.undecodableNameAndNoNumber':
    'This card has no phone number, and its name could not be decoded, so it was skipped.',
  'import.nothingUsableRow': 'This row has no name and no phone number, so it was skipped.',
  'import.cardUnreadable': 'This card could not be read ({reason}).',

  'import.csv.noHeader': 'The first row is not a header with a name or phone column, so the file was not read.',
  'import.csv.headerUnreadable':
    'The first row could not be read as a header with a name or phone column, so the file was not read.',
  'import.csv.empty': 'The file is empty: it has no header row with a name or phone column.',
  'import.csv.unreadable': 'The file could not be read as CSV ({reason}).',
  'import.csv.rowDelimiter':
    'This row is {row, select, comma {comma} semicolon {semicolon} other {tab}}-separated but the header is {header, select, comma {comma} semicolon {semicolon} other {tab}}-separated, so it was skipped.',
  'import.csv.mixedDelimiters':
    'The first line is {first, select, comma {comma} semicolon {semicolon} other {tab}}-separated but later lines are {later, select, comma {comma} semicolon {semicolon} other {tab}}-separated.',
  'import.csv.quoteNotClosed':
    'A quoted field on this line is never closed, so the line was skipped and reading went on from the next.',
  'import.csv.unbalancedQuote':
    'This row has an unbalanced quote, so the line was skipped and reading went on from the next.',
  'import.csv.rowTooLong':
    'This row is longer than {max} characters (probably an unclosed quote), so the line was skipped.',
  'import.csv.rowUnreadable': 'This row could not be read ({reason}), so the line was skipped.',

  'import.vcard.noBegin': 'This card does not start with BEGIN:VCARD.',
  'import.vcard.nameCharset': 'The name could not be decoded as {charset}, so it was read as {readAs}: “{name}”.',
  'import.vcard.nameUndecodable':
    'The name could not be decoded; what could not be decoded was kept as written: “{name}”.',
  'import.vcard.nameUndecodableAs':
    'The name could not be decoded as {charset}; what could not be decoded was kept as written: “{name}”.',
  'import.vcard.nameBrokenEscape':
    'The name holds a broken quoted-printable escape, which was kept as written: “{name}”.',
  'import.vcard.badBase64': 'The {property} data is not valid base64, so it was ignored.',
  'import.vcard.moreProblems':
    '{count, plural, one {One more problem in this card is not listed.} other {# more problems in this card are not listed.}}',
  'import.vcard.splitFailed': 'The file could not be cut into cards ({reason}).',
  'import.vcard.strayEnd': 'This END:VCARD has no BEGIN:VCARD before it, so it was ignored.',
  'import.vcard.outside': 'This text is outside any card (BEGIN:VCARD … END:VCARD), so it was ignored.',
  'import.vcard.noEnd': 'This card has no END:VCARD: the file ends inside it.',
  'import.vcard.noEndCut':
    'This card has no END:VCARD: the file ends inside it, and its last line may be cut off, so it was ignored.',
  'import.vcard.endedByNext': 'This card has no END:VCARD, so it was ended where the next card starts, on line {line}.',
  'import.vcard.afterNested':
    'This line was ignored: it follows a card nested inside the card on line {line}, which has no END:VCARD.',
  'import.vcard.orphanFold': 'This indented line has no property to continue, so it was ignored.',
  'import.vcard.noPropertyName': "This line has no property name before its ':', so it was ignored.",
  'import.vcard.noColon': "This line has no ':', so it is not a property and was ignored.",

  'import.file.failed': '{file}: {message}',
  'import.file.directory': 'is a directory, not an address-book file',
  'import.file.missing': 'no such file',
  'import.file.denied': 'permission denied',
  'import.file.unreadable': 'cannot read the file ({reason})',
  'import.file.nothingRead': 'no contacts could be read. Line {line}: {message}',
  'import.file.empty': 'the file is empty',
  'import.file.notAddressBook':
    'not an address book: this is {format, select, png {a PNG image} jpeg {a JPEG image} gif {a GIF image} pdf {a PDF document} zip {a ZIP archive (or an Office document)} gzip {a gzip archive} sqlite {an SQLite database} other {another kind of file}}',
  'import.file.unknownContent': 'not an address book: found neither vCard cards nor a CSV contacts table',

  'import.region.badMe': '--me {me}: not a valid number in international form (+CC…): {reason}',
  'import.region.badRegion': '--region {region}: not a known ISO 3166 region code',

  'import.country.unknown': '{country}: not a known ISO 3166 country code',
  'import.country.noSuchNumber': 'contact {contact} has no number {position}',
  'import.country.hasCode': '{raw} is written with its country code; its country is its own',
  'import.country.noneWithoutCode': 'contact {contact} has no number written without a country code',
  'import.country.notANumber': '{text}: {reason}',
  'import.country.noMatch': 'no stored number written without a country code matches {text}',
  'import.country.noReading': 'no stored number written without a country code reads as {e164}',
} as const;
