// Sentences the engine writes into the activity feed; the app formats them again in the user's locale.
export default {
  'activity.synced':
    'Synced: sent {batches, plural, one {# batch} other {# batches}}: {added, number} added, {removed, number} removed{matches, plural, =0 {} other {; # on Kith}}{repaired, select, yes {; repaired after comparing with the server} other {}}{queued, plural, =0 {} other {; # still queued}}',
  'activity.joined': '{name} joined Kith',
  'activity.signOutUnreadable':
    'The sign-out from {server} could not be sent: its token can no longer be read on this device',
} as const;
