// Following a CardDAV address book: each failure says what happened and what to do.
export default {
  'carddav.error.auth':
    'The server at {host} refused the user name or password. Check them, or make an app password if the account uses two-step sign-in.',
  'carddav.error.forbidden':
    'The server at {host} does not let this account read the address book. Check the account’s sharing settings.',
  'carddav.error.not-carddav':
    'No CardDAV address book was found at {host}. Check the address, or use the one your provider gives for CardDAV.',
  'carddav.error.gone': 'The address book at {host} no longer exists. Choose another address book.',
  'carddav.error.insecure':
    'Kith connects to {host} only over https, because the password would otherwise be sent in the clear. Use an https address.',
  'carddav.error.redirects':
    'The server at {host} sent Kith through too many redirects. Check the address, or try again later.',
  'carddav.error.downgrade':
    'The server at {host} redirected from https to plain http, so Kith stopped rather than send the password in the clear.',
  'carddav.error.tls-self-signed':
    'The server at {host} uses a self-signed certificate, which Kith does not trust. Install a certificate from a known authority on the server.',
  'carddav.error.tls-untrusted':
    'The certificate of {host} is not signed by an authority Kith trusts. Check the server’s certificate chain.',
  'carddav.error.tls-expired': 'The certificate of {host} has expired or is not valid yet. Renew it on the server.',
  'carddav.error.tls-name':
    'The certificate of {host} was made for another name. Check the address, or fix the certificate on the server.',
  'carddav.error.tls': 'A secure connection to {host} could not be made. Check the server’s https setup.',
  'carddav.error.timeout': 'The server at {host} did not answer in time. Kith will try again later.',
  'carddav.error.unreachable':
    'Kith could not reach {host}. Check the address and your connection; Kith will try again later.',
  'carddav.error.malformed':
    'The server at {host} sent an answer Kith could not read. Nothing was changed; Kith will try again later.',
  'carddav.error.too-large':
    'An answer from {host} was larger than {limit, number} MB, so Kith stopped reading it. Nothing was changed.',
  'carddav.error.server':
    'The server at {host} failed with status {status, number}. Nothing was changed; Kith will try again later.',
  'carddav.card.too-large':
    'This card is larger than {limit, number} MB, so Kith skipped it. Make the card smaller, for example by removing its photo.',
  'carddav.card.status':
    'The server could not send this card (status {status, number}). Kith will try again when it changes.',
  'carddav.card.missing': 'The server listed this card but did not send it. Kith will try again when it changes.',
} as const;
