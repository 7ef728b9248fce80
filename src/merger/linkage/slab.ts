/**
 * @module merger/linkage/slab
 * Several large typed arrays carved out of one `ArrayBuffer`. The linkage allocates hundreds of
 * megabytes of typed arrays, and with millions of records on the JavaScript heap each full
 * garbage collection costs most of a second. V8 starts one ("external memory pressure") each
 * time some 64 MB of array buffers have been allocated since the last, but one allocation,
 * however large, starts at most one. So the arrays that live and die together are allocated
 * together, and scratch memory is handed from one phase to the next (a slab over a caller's
 * buffer), which also spares the page faults of touching fresh memory.
 */
export class Slab {
  readonly buffer: ArrayBuffer;
  private used: number;
  private readonly end: number;

  /**
   * A slab of `bytes` bytes (see `Slab.bytes`), or over bytes [from, to) of a buffer of the
   * caller's, whose previous arrays there must no longer be in use.
   */
  constructor(bytes: number | ArrayBuffer, from = 0, to?: number) {
    this.buffer = typeof bytes === 'number' ? new ArrayBuffer(bytes) : bytes;
    this.used = align(from);
    this.end = Math.min(to ?? this.buffer.byteLength, this.buffer.byteLength);
  }

  /** Bytes not yet carved. */
  get free(): number {
    return Math.max(0, this.end - this.used);
  }

  /** The offset of the next array. */
  get offset(): number {
    return this.used;
  }

  /** Bytes for arrays of `count` elements of `size` bytes each, as the slab aligns them. */
  static bytes(...arrays: readonly [count: number, size: number][]): number {
    let total = 0;
    for (const [count, size] of arrays) total += align(count * size);
    return total;
  }

  int32(count: number): Int32Array {
    return new Int32Array(this.buffer, this.take(count * 4), count);
  }

  uint16(count: number): Uint16Array {
    return new Uint16Array(this.buffer, this.take(count * 2), count);
  }

  uint8(count: number): Uint8Array {
    return new Uint8Array(this.buffer, this.take(count), count);
  }

  float64(count: number): Float64Array {
    return new Float64Array(this.buffer, this.take(count * 8), count);
  }

  private take(bytes: number): number {
    const at = this.used;
    this.used += align(bytes);
    if (this.used > this.end) throw new RangeError('slab too small');
    return at;
  }
}

function align(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}
