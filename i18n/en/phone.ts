// Why a phone number got its status (stored with the number and shown in a contact's "Why" column), and the labels
// read from vCard types. Short phrases, not sentences: they are shown beside a number or inside another message.
export default {
  'phone.reason.empty': 'empty',
  'phone.reason.notANumber': 'not a phone number',
  'phone.reason.letters': 'contains letters (vanity number or a note); letters are not converted to digits',
  'phone.reason.shortCode': 'short code or service number; never uploaded',
  'phone.reason.tooLongText': 'too long to be a phone number',
  'phone.reason.tooShort': 'too short',
  'phone.reason.tooLong': 'too long',
  'phone.reason.noLength': 'no number has this length',
  'phone.reason.noLengthIn': 'no number in {region} has this length',
  'phone.reason.unknownCountryCode': 'unknown country code',
  'phone.reason.notValid': 'not a valid number',
  'phone.reason.valid':
    'valid {type, select, MOBILE {mobile} FIXED_LINE {fixed-line} FIXED_LINE_OR_MOBILE {fixed-line or mobile} TOLL_FREE {toll-free} PREMIUM_RATE {premium-rate} SHARED_COST {shared-cost} VOIP {VoIP} PERSONAL_NUMBER {personal} PAGER {pager} UAN {universal access} VOICEMAIL {voicemail} other {phone}} number ({region})',
  'phone.reason.possible': 'plausible length for {region} but not a valid number',
  'phone.reason.noRegion': 'no country code and no default region',
  // ICU quoting: '' is one apostrophe.
  'phone.reason.unknownRegion': "no country code, and the default region ''{region}'' is unknown",

  'phone.label.iphone': 'iPhone',
  'phone.label.mobile': 'Mobile',
  'phone.label.main': 'Main',
  'phone.label.pager': 'Pager',
  'phone.label.home': 'Home',
  'phone.label.work': 'Work',
  'phone.label.other': 'Other',
  'phone.label.fax': '{place, select, home {Home Fax} work {Work Fax} other {Other Fax} none {Fax}}',
  'phone.label.companyMain': 'Company Main',
  'phone.label.car': 'Car',
  'phone.label.assistant': 'Assistant',
  'phone.label.radio': 'Radio',
  'phone.label.callback': 'Callback',
  'phone.label.isdn': 'ISDN',
  'phone.label.telex': 'Telex',
  'phone.label.ttyTdd': 'TTY/TDD',
} as const;
