import type { Db } from '../store/open.ts';
import { contactWriter, type ExistingContact, type PhoneCounts } from '../store/contacts.ts';
import type { RecordResult } from './records.ts';

/** Matches a source's incoming records against what the store already holds for it. */
export class SourceSync {
  added = 0;
  updated = 0;
  unchanged = 0;
  /** The phones of the records written (added or updated), by status. */
  readonly writtenPhones: PhoneCounts = { valid: 0, possible: 0, invalid: 0 };
  private readonly byDigest = new Map<string, ExistingContact[]>();
  private readonly byKey = new Map<string, ExistingContact>();
  private readonly seen = new Set<number>();
  private readonly usedKeys = new Set<string>();
  private readonly nextSuffix = new Map<string, number>();
  private readonly digestCursor = new Map<string, number>();
  private readonly writer;
  private readonly sourceId: number;
  private readonly now: number;
  private readonly existing: ExistingContact[];
  private readonly reported: readonly number[];
  /** Stored contacts kept for records read again only for their report, by digest, in file order. */
  private readonly reread = new Map<string, ExistingContact[]>();

  /**
   * `reported`: the lines, in order, that the last import of this source named a problem on. An unchanged record with
   * one of them is not skipped but read again, so that its problem is reported again (it is still counted unchanged).
   */
  constructor(db: Db, sourceId: number, existing: ExistingContact[], now: number, reported: readonly number[] = []) {
    this.sourceId = sourceId;
    this.now = now;
    this.existing = existing;
    this.reported = reported;
    this.writer = contactWriter(db);
    for (const c of existing) {
      this.byKey.set(c.key, c);
      const list = this.byDigest.get(c.digest);
      if (list) list.push(c);
      else this.byDigest.set(c.digest, [c]);
    }
  }

  /**
   * The key of the stored contact that has exactly this raw record, from `line` to `lastLine`, which is then kept as
   * is. Undefined when the record is new or changed, or when the last report named a problem inside it: it is to be
   * read and given to `upsert`.
   */
  skipUnchanged(digest: string, line: number, lastLine: number): string | undefined {
    const list = this.byDigest.get(digest);
    if (!list) return undefined;
    // `seen` only grows, so the contacts before the cursor stay taken; rescanning them is quadratic in the copies.
    let i = this.digestCursor.get(digest) ?? 0;
    while (i < list.length && this.seen.has(list[i]!.id)) i++;
    const match = list[i];
    this.digestCursor.set(digest, i + 1);
    if (!match) return undefined;
    this.usedKeys.add(match.key);
    // The same text spans as many lines where it was as here. Read again, the record is matched to this contact in
    // `upsert`, as it would have been here.
    if (this.reportedWithin(match.line, match.line + lastLine - line)) {
      const list = this.reread.get(digest);
      if (list) list.push(match);
      else this.reread.set(digest, [match]);
      return undefined;
    }
    this.keep(match, line);
    return match.key;
  }

  /**
   * Keeps the stored contacts with these keys as they are, unread: those of a card whose tag has not changed
   * (`counted`), or of one a partial change does not mention. Their keys stay taken.
   */
  keepKeys(keys: readonly string[], counted: boolean): void {
    for (const key of keys) {
      this.usedKeys.add(key);
      const c = this.byKey.get(key);
      if (!c || this.seen.has(c.id)) continue;
      this.seen.add(c.id);
      if (counted) this.unchanged++;
    }
  }

  private keep(match: ExistingContact, line: number): void {
    this.seen.add(match.id);
    // Most unchanged records are where they were: no statement for those.
    if (match.line !== line) this.writer.moveLine(match.id, line);
    this.unchanged++;
  }

  /** Writes a record read, as a new contact or over the stored one with its key; returns the contact's key. */
  upsert(r: Extract<RecordResult, { ok: true }>, digest: string): string {
    // Records come in file order, as they were matched: the first kept for this text is this record's.
    const kept = this.reread.get(digest)?.shift();
    if (kept) {
      this.keep(kept, r.line);
      return kept.key;
    }
    const key = this.uniqueKey(r.key);
    const existing = this.byKey.get(key);
    const input = {
      key,
      digest,
      line: r.line,
      name: r.name,
      sortName: r.sortName,
      phones: r.phones,
      photo: r.photo ?? null,
    };
    for (const p of r.phones) this.writtenPhones[p.status]++;
    if (existing && !this.seen.has(existing.id)) {
      this.seen.add(existing.id);
      this.writer.update(existing.id, input, this.now);
      this.updated++;
    } else {
      this.writer.insert(this.sourceId, input, this.now);
      this.added++;
    }
    return key;
  }

  removeUnseen(): number {
    this.writer.flush();
    let removed = 0;
    for (const c of this.existing) {
      if (this.seen.has(c.id)) continue;
      this.writer.remove(c.id);
      removed++;
    }
    return removed;
  }

  finish(): void {
    this.writer.finish(this.now);
  }

  /** Whether the last report named a line from `from` to `to`. */
  private reportedWithin(from: number, to: number): boolean {
    const lines = this.reported;
    if (lines.length === 0) return false;
    let lo = 0;
    let hi = lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lines[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < lines.length && lines[lo]! <= to;
  }

  /** Two records with one UID (or identical content) in a file stay two contacts, keyed by order. */
  private uniqueKey(base: string): string {
    let key = base;
    if (this.usedKeys.has(key)) {
      // Resume after the suffix the last duplicate took: counting up from #2 each time is quadratic in the copies.
      let n = this.nextSuffix.get(base) ?? 2;
      while (this.usedKeys.has((key = `${base}#${n}`))) n++;
      this.nextSuffix.set(base, n + 1);
    }
    this.usedKeys.add(key);
    return key;
  }
}
