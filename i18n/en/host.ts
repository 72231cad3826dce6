// What the app's engine host says when it refuses a request: shown as is under what the user did, so whole sentences.
export default {
  'host.cannotOpenFolders': 'This app cannot open folders; the data folder is {folder}.',
  'host.folderNotOpened': 'Could not open the data folder {folder}: {error}',
  'host.unknownCountry': '{region} is not a known country code.',
  'host.invalidOwnNumber': '{number} is not a valid number for {country}: {reason}.',
  'host.ownNumberFirst': 'Enter your own number first.',
  'host.verificationFirst': 'Start verification first.',
  'host.deviceName': 'Kith desktop ({platform})',
  'host.noSource': 'There is no source {id}.',
  'host.noUploadEntry': 'The upload log has no entry {id}.',
  'host.notAUrl': '{url} is not a URL.',
  'host.urlScheme': 'The server URL must be http(s).',
} as const;
