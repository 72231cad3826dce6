import { useEffect, useState, useSyncExternalStore, type CSSProperties } from 'react';
import { AVATAR_PALETTE, avatarColour, avatarInitials } from './avatar-colour.ts';
import { loadPhoto, photoGeneration, subscribePhotos } from './photo-cache.ts';

interface Props {
  name: string;
  /** The contact whose photo to show, when it has one; null shows the initials. */
  photoId: number | null;
  size?: 'small' | 'large';
}

/**
 * A round avatar: the contact's photo, else its initials on a colour from its name, else a person glyph. Decorative:
 * the name is always beside it, so screen readers skip it.
 */
export function Avatar({ name, photoId, size = 'small' }: Props) {
  const generation = useSyncExternalStore(subscribePhotos, photoGeneration);
  const [photo, setPhoto] = useState<{ id: number; src: string } | null>(null);

  useEffect(() => {
    if (photoId === null) return;
    let live = true;
    loadPhoto(photoId).then(
      (src) => live && setPhoto(src === null ? null : { id: photoId, src }),
      () => live && setPhoto(null),
    );
    return () => {
      live = false;
    };
  }, [photoId, generation]);

  if (photoId !== null && photo?.id === photoId) {
    return (
      <span className="avatar" data-size={size} aria-hidden="true" data-testid="avatar" data-avatar="photo">
        <img src={photo.src} alt="" draggable={false} />
      </span>
    );
  }
  const colour = AVATAR_PALETTE[avatarColour(name)]!;
  const initials = avatarInitials(name);
  return (
    <span
      className="avatar"
      data-size={size}
      aria-hidden="true"
      data-testid="avatar"
      data-avatar={initials === '' ? 'glyph' : 'initials'}
      // Set through the CSSOM (React's style prop), which the page's CSP allows; light-dark() in CSS picks one.
      style={{ '--avatar-light': colour.light, '--avatar-dark': colour.dark } as CSSProperties}
    >
      {initials === '' ? <PersonGlyph /> : initials}
    </span>
  );
}

function PersonGlyph() {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
      <path d="M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Z" />
      <path d="M4.5 20a7.5 7.5 0 0 1 15 0" />
    </svg>
  );
}
