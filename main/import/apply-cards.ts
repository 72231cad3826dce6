import type { Db } from '../store/open.ts';
import { sourceContacts } from '../store/contacts.ts';
import { chosenCountries } from '../store/countries.ts';
import { getSource, recordSourceReport, recordSourceResult, sourceCardWriter, sourceCards } from '../store/sources.ts';
import { batches, recordIssues, rollBack, writeRecords, type Pending } from './importer.ts';
import { digestText } from './keys.ts';
import { defaultRegion } from './region.ts';
import { SourceSync } from './source-sync.ts';
import type { ImportIssue } from './types.ts';
import { splitVcards, type VcardChunk } from './vcard/index.ts';

/** A card of a live address book: its reference there (CardDAV href, uid), its version tag (ETag, REV), its text. */
export interface Card {
  ref: string;
  tag: string;
  vcard: string;
}

/** The whole book (cards missing from it are removed), or what changed since the last time. */
export type CardChange = { complete: readonly Card[] } | { upserts: readonly Card[]; deletes: readonly string[] };

export interface CardsReport {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  /** Each with the card's ref as its file and the line within the card. */
  problems: ImportIssue[];
}

/**
 * Brings a live source's contacts in line with its cards, in one transaction, through the same reading and writing as
 * a file import. A card whose tag is the one stored is not read at all; a changed card is read and its contact updated
 * (or added); the contacts of removed cards go, and their numbers are recounted.
 */
export async function applyCards(db: Db, sourceId: number, change: CardChange, now: number): Promise<CardsReport> {
  const source = getSource(db, sourceId);
  if (!source || source.kind === 'file') throw new Error(`bug: source ${sourceId} is not a live address book`);
  const complete = 'complete' in change;
  // A ref given twice counts once, as its last card.
  const incoming = new Map<string, Card>();
  for (const card of complete ? change.complete : change.upserts) incoming.set(card.ref, card);
  const deleted = new Set(complete ? [] : change.deletes.filter((ref) => !incoming.has(ref)));

  db.exec('BEGIN IMMEDIATE');
  try {
    const region = defaultRegion(db);
    const countries = chosenCountries(db);
    const chosen = countries.size > 0 ? countries : undefined;
    const stored = sourceCards(db, sourceId);
    const cards = sourceCardWriter(db, sourceId);
    const sync = new SourceSync(db, sourceId, sourceContacts(db, sourceId), now);
    const problems: ImportIssue[] = [];

    // Kept first, so that a changed card matched by its text never takes a kept card's contact.
    if (!complete) {
      for (const [ref, card] of stored)
        if (!incoming.has(ref) && !deleted.has(ref)) sync.keepKeys(card.contactKeys, false);
    }
    const toRead: Card[] = [];
    for (const card of incoming.values()) {
      const before = stored.get(card.ref);
      if (before?.tag === card.tag) sync.keepKeys(before.contactKeys, true);
      else toRead.push(card);
    }

    // The keys each card read gave, by ref, in the order its records are written.
    const keysOf = new Map<string, string[]>();
    const pending: Pending<VcardChunk> = [];
    const refOf: string[] = [];
    for (const card of toRead) {
      const keys: string[] = [];
      keysOf.set(card.ref, keys);
      const split = splitVcards(Buffer.from(card.vcard, 'utf8'), card.ref);
      problems.push(...split.errors);
      for (const chunk of split.cards) {
        const digest = digestText(chunk.text);
        const kept = sync.skipUnchanged(digest, chunk.line, chunk.endLine);
        if (kept !== undefined) keys.push(kept);
        else {
          pending.push({ item: chunk, digest });
          refOf.push(card.ref);
        }
      }
    }
    const work = batches(pending, (chunks) => ({ kind: 'vcard', region, chosen, chunks }));
    // Records come back in the order they were queued.
    let next = 0;
    const removed = await writeRecords(db, sync, work, {
      onRecord: (r, key) => {
        const ref = refOf[next++]!;
        if (key !== null) keysOf.get(ref)!.push(key);
        problems.push(...recordIssues(ref, r));
      },
    });

    if (complete) for (const ref of stored.keys()) if (!incoming.has(ref)) cards.remove(ref);
    for (const ref of deleted) cards.remove(ref);
    for (const card of toRead) cards.put(card.ref, card.tag, keysOf.get(card.ref)!);
    recordSourceReport(db, sourceId, cards.count(), problems);
    const report: CardsReport = {
      added: sync.added,
      updated: sync.updated,
      removed,
      unchanged: sync.unchanged,
      problems,
    };
    recordSourceResult(db, sourceId, { added: report.added, updated: report.updated, removed }, now);
    db.exec('COMMIT');
    return report;
  } catch (err) {
    rollBack(db);
    throw err;
  }
}
