/**
 * @module merger/linkage/string-table
 * Interned strings for linkage: each distinct string gets a dense integer id, and its code points
 * are kept once in one growing `Int32Array` pool, so comparing two records' strings is an integer
 * test (same id) and, failing that, a comparison of two pool slices with no allocation.
 */

export class StringTable {
  private readonly ids = new Map<string, number>();
  private readonly texts: string[] = [];
  private starts = new Int32Array(1024);
  private lengths = new Int32Array(1024);
  private pool = new Int32Array(16384);
  private used = 0;

  /** The id of `text`, adding it when new. */
  intern(text: string): number {
    const known = this.ids.get(text);
    if (known !== undefined) return known;
    const id = this.append(text);
    this.ids.set(text, id);
    return id;
  }

  /**
   * Adds `text` under a new id without checking whether it is already known (the caller
   * deduplicates, e.g. national IDs by their numeric value); `lookup` does not find it.
   */
  append(text: string): number {
    const id = this.texts.length;
    this.texts.push(text);
    if (id >= this.starts.length) {
      this.starts = grow(this.starts, this.starts.length * 2);
      this.lengths = grow(this.lengths, this.lengths.length * 2);
    }
    if (this.used + text.length > this.pool.length) {
      this.pool = grow(this.pool, Math.max(this.pool.length * 2, this.used + text.length));
    }
    const start = this.used;
    let n = 0;
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c >= 0xd800 && c < 0xdc00 && k + 1 < text.length) {
        const d = text.charCodeAt(k + 1);
        if (d >= 0xdc00 && d < 0xe000) {
          this.pool[start + n++] = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          k++;
          continue;
        }
      }
      this.pool[start + n++] = c;
    }
    this.starts[id] = start;
    this.lengths[id] = n;
    this.used += n;
    return id;
  }

  /** The id of `text`, or -1 when it was never interned. */
  lookup(text: string): number {
    return this.ids.get(text) ?? -1;
  }

  get size(): number {
    return this.texts.length;
  }

  text(id: number): string {
    return this.texts[id]!;
  }

  /** The pool holding every string's code points; read it with `start` and `length`. */
  codes(): Int32Array {
    return this.pool;
  }

  start(id: number): number {
    return this.starts[id]!;
  }

  length(id: number): number {
    return this.lengths[id]!;
  }

  /** Typed views of starts and lengths, for hot loops (valid until the next `intern`). */
  layout(): { pool: Int32Array; starts: Int32Array; lengths: Int32Array } {
    return { pool: this.pool, starts: this.starts, lengths: this.lengths };
  }
}

function grow(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(size);
  out.set(array);
  return out;
}
