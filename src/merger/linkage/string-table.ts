/**
 * @module merger/linkage/string-table
 * Interned strings for linkage: each distinct string gets a dense integer id, and its code points
 * are kept once in one growing `Int32Array` pool, so comparing two records' strings is an integer
 * test (same id) and, failing that, a comparison of two pool slices with no allocation.
 */
import { Slab } from './slab.js';

export class StringTable {
  private readonly ids = new Map<string, number>();
  private readonly texts: string[] = [];
  private starts: Int32Array;
  private lengths: Int32Array;
  private pool: Int32Array;
  private used = 0;

  /**
   * Room for this many strings and code points before the arrays grow (each doubles); the first
   * arrays are taken from `slab` when given (see `StringTable.bytes`).
   */
  constructor(capacity: { strings?: number; codes?: number } = {}, slab?: Slab) {
    const { strings, codes } = StringTable.capacity(capacity);
    const from = slab ?? new Slab(StringTable.bytes(capacity));
    this.starts = from.int32(strings);
    this.lengths = from.int32(strings);
    this.pool = from.int32(codes);
  }

  /** Bytes of the first arrays of a table of this capacity. */
  static bytes(capacity: { strings?: number; codes?: number } = {}): number {
    const { strings, codes } = StringTable.capacity(capacity);
    return Slab.bytes([strings, 4], [strings, 4], [codes, 4]);
  }

  private static capacity(capacity: { strings?: number; codes?: number }): {
    strings: number;
    codes: number;
  } {
    return { strings: Math.max(1024, capacity.strings ?? 0), codes: Math.max(16384, capacity.codes ?? 0) };
  }

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

/**
 * Strings → dense ids (0.. in order of first sight), for the millions of lookups of repeated
 * values: the hash is computed in JavaScript over UTF-16 code units and the strings are kept in
 * a `Uint16Array` pool, so a lookup costs no engine hashing nor string comparison, which are slow
 * on concatenated (rope) strings.
 */
export class StringIds {
  /** Per slot: hash (never 0; 0 is empty) and id. */
  private slots: Int32Array;
  private mask: number;
  private pool: Uint16Array;
  private used = 0;
  /** Code units of string k are `pool[starts[k], starts[k + 1])`. */
  private starts: Int32Array;
  private count = 0;

  /**
   * Room for `expected` strings of 16 code units on average before the arrays grow; the first
   * arrays are taken from `slab` when given (see `StringIds.bytes`).
   */
  constructor(expected = 1024, slab?: Slab) {
    const { capacity, strings, codes } = StringIds.capacity(expected);
    const from = slab ?? new Slab(StringIds.bytes(expected));
    this.slots = from.int32(2 * capacity);
    this.mask = capacity - 1;
    this.starts = from.int32(strings);
    this.pool = from.uint16(codes);
  }

  /** Bytes of the first arrays of `new StringIds(expected)`. */
  static bytes(expected = 1024): number {
    const { capacity, strings, codes } = StringIds.capacity(expected);
    return Slab.bytes([2 * capacity, 4], [strings, 4], [codes, 2]);
  }

  private static capacity(expected: number): { capacity: number; strings: number; codes: number } {
    let capacity = 1024;
    while (capacity < 2 * expected) capacity *= 2;
    return { capacity, strings: Math.max(1024, expected + 2), codes: Math.max(1024, 16 * expected) };
  }

  get size(): number {
    return this.count;
  }

  /** The id of `text`, or -1 when not known. */
  get(text: string): number {
    return this.find(text, false);
  }

  /** The id of `text`, adding it when new. */
  add(text: string): number {
    return this.find(text, true);
  }

  private find(text: string, add: boolean): number {
    const length = text.length;
    let h = 0x811c9dc5 ^ length;
    for (let k = 0; k < length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h |= 1;
    const slots = this.slots;
    const mask = this.mask;
    const pool = this.pool;
    const starts = this.starts;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const o = at << 1;
      const held = slots[o]!;
      if (held === 0) break;
      if (held !== h) continue;
      const id = slots[o + 1]!;
      const start = starts[id]!;
      if (starts[id + 1]! - start !== length) continue;
      let k = 0;
      while (k < length && pool[start + k] === text.charCodeAt(k)) k++;
      if (k === length) return id;
    }
    if (!add) return -1;
    const id = this.count++;
    if (id + 2 > this.starts.length) {
      const grown = new Int32Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    if (this.used + length > this.pool.length) {
      const grown = new Uint16Array(Math.max(this.pool.length * 2, this.used + length));
      grown.set(this.pool.subarray(0, this.used));
      this.pool = grown;
    }
    const start = this.used;
    for (let k = 0; k < length; k++) this.pool[start + k] = text.charCodeAt(k);
    this.used += length;
    this.starts[id] = start;
    this.starts[id + 1] = this.used;
    if (2 * this.count > mask + 1) this.rehash();
    this.place(h, id);
    return id;
  }

  private place(h: number, id: number): void {
    const slots = this.slots;
    const mask = this.mask;
    let at = h & mask;
    while (slots[at << 1] !== 0) at = (at + 1) & mask;
    slots[at << 1] = h;
    slots[(at << 1) + 1] = id;
  }

  private rehash(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = old.length - 1;
    for (let o = 0; o < old.length; o += 2) if (old[o] !== 0) this.place(old[o]!, old[o + 1]!);
  }
}
