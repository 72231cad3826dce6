import { Details } from './Details.tsx';

interface Props {
  id?: string;
  testId: string;
  error: string | null | undefined;
  /** The technical detail, in a closed Details disclosure under the message. */
  detail?: string | null | undefined;
}

/** A failure shown next to what caused it, announced to screen readers. */
export function ErrorText({ id, testId, error, detail }: Props) {
  if (!error) return null;
  return (
    <>
      <p id={id} className="error-text" role="alert" data-testid={testId}>
        {error}
      </p>
      <Details detail={detail} testId={`${testId}-details`} />
    </>
  );
}

/** The attributes that tie an input to the error shown under it. */
export function invalidProps(error: string | null, errorId: string) {
  return error ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
}
