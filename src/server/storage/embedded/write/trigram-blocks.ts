/**
 * The substring index as blocks of lines (schema-trigram-blocks.ts has the layout and why): the
 * writer hands each transaction's lines of one stream here, and they become documents of at
 * most BLOCK_LINES lines spanning at most BLOCK_SPAN_MS. Used by the line writer, the backfill
 * of older lines and retention, always inside the caller's transaction.
 */
import { foldCase } from '../../../search/linear-regex.ts';
import { SEQ_PER_MS } from '../line-id.ts';
import type { Database } from '../sqlite.ts';

/** Lines per block: 16-64 cost the same to write (measured); fewer means fewer rows checked per candidate block. */
export const BLOCK_LINES = 32;
/** Longest time a block spans, so a window's blocks start at most this much before it. */
export const BLOCK_SPAN_MS = 3_600_000;
export const BLOCK_SPAN_IDS = BLOCK_SPAN_MS * SEQ_PER_MS;

/** The text the index holds for a line: folded as the row check folds (same length, same offsets). */
export function indexedText(content: string): string {
  return foldCase(content);
}

export function createTrigramBlocks(db: Database) {
  const insertText = db.prepare('INSERT INTO logs_tri(rowid, content) VALUES (?, ?)');
  const insertBlock = db.prepare('INSERT INTO log_tri_blocks(id, stream, lines) VALUES (?, ?, ?)');
  const olderBlocks = db.prepare('SELECT id, lines FROM log_tri_blocks WHERE stream = ? AND id <= ? ORDER BY id');
  const anyLine = db.prepare('SELECT 1 AS found FROM logs WHERE id IN (SELECT ?1 + value FROM json_each(?2)) LIMIT 1');
  const deleteText = db.prepare('DELETE FROM logs_tri WHERE rowid = ?');
  const deleteBlock = db.prepare('DELETE FROM log_tri_blocks WHERE id = ?');

  const writeBlock = (sid: bigint, ids: readonly number[], texts: readonly string[]) => {
    const first = ids[0]!;
    const rowid = BigInt(first);
    insertText.run(rowid, texts.join('\n'));
    insertBlock.run(rowid, sid, JSON.stringify(ids.map((id) => id - first)));
  };

  return {
    /** Indexes lines of one stream (ids unique, any order), in blocks. */
    write(sid: number, ids: readonly number[], contents: readonly string[]): void {
      if (ids.length === 0) return;
      const order = ids.map((_, index) => index);
      order.sort((a, b) => ids[a]! - ids[b]!);
      const stream = BigInt(sid);
      let blockIds: number[] = [];
      let texts: string[] = [];
      for (const index of order) {
        const id = ids[index]!;
        if (blockIds.length === BLOCK_LINES || (blockIds.length > 0 && id - blockIds[0]! > BLOCK_SPAN_IDS)) {
          writeBlock(stream, blockIds, texts);
          blockIds = [];
          texts = [];
        }
        blockIds.push(id);
        texts.push(indexedText(contents[index]!));
      }
      writeBlock(stream, blockIds, texts);
    },
    /**
     * After retention deleted lines of a stream up to `upToId`: removes the blocks starting at or
     * before it whose lines are all gone. A block with a line left stays (a superset is fine)
     * until a later pass removes that line too.
     */
    removeEmpty(sid: number, upToId: number): number {
      let removed = 0;
      for (const block of olderBlocks.all(BigInt(sid), BigInt(upToId)) as { id: number; lines: string }[]) {
        const rowid = BigInt(block.id);
        if (anyLine.get(rowid, block.lines) !== undefined) continue;
        deleteText.run(rowid);
        deleteBlock.run(rowid);
        removed++;
      }
      return removed;
    },
  };
}

export type TrigramBlocks = ReturnType<typeof createTrigramBlocks>;
