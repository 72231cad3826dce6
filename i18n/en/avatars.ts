// Contact photos and initials avatars: what an import says about a PHOTO it could not keep.
export default {
  'avatars.photo.link': 'The PHOTO is a link, and Kith never fetches links, so it was ignored.',
  'avatars.photo.svg': 'The PHOTO is an SVG image, which Kith does not show, so it was ignored.',
  'avatars.photo.notImage': 'The PHOTO is not a PNG, JPEG, GIF or WebP image, so it was ignored.',
  'avatars.photo.damaged': 'The PHOTO image is damaged: its size could not be read from it, so it was ignored.',
  'avatars.photo.dataUri': 'The PHOTO data URI is not valid base64, so it was ignored.',
  'avatars.photo.tooLarge':
    'The PHOTO is {size, number} KB, more than the {limit, number} KB Kith keeps, so it was ignored.',
  'avatars.photo.tooWide':
    'The PHOTO is {width, number} × {height, number} pixels, larger than {max, number} × {max, number}, so it was ignored.',
} as const;
