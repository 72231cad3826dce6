import { describe, expect, it } from 'vitest';
import { describeFailure } from './engine.ts';
import { SyncError } from './errors.ts';

describe('describeFailure', () => {
  const down = new SyncError('network', 'PUT /v1/contacts/batches/b-1: ECONNREFUSED');
  const gone = new SyncError('unauthorized', 'GET /v1/events: 401 unauthorized');

  it('names the step, the error and what happens next', () => {
    expect(describeFailure('upload', down)).toBe(
      'uploading changes failed: PUT /v1/contacts/batches/b-1: ECONNREFUSED; they stay queued and are sent on the next sync',
    );
    expect(describeFailure('connect', down)).toBe(
      'reaching the server failed: PUT /v1/contacts/batches/b-1: ECONNREFUSED; it is tried again shortly',
    );
  });

  it('asks to sign in again when the session is gone, except for a sign-out, which is sent again', () => {
    expect(describeFailure('events', gone)).toBe(
      'fetching join events failed: GET /v1/events: 401 unauthorized; sign in again',
    );
    expect(describeFailure('revoke', gone, 'https://old.example')).toBe(
      'telling https://old.example about a sign-out failed: GET /v1/events: 401 unauthorized; it is sent again on the next sync',
    );
  });
});
