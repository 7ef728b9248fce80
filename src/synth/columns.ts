/**
 * @module synth/columns
 * Growable typed-array columns, for tables whose length is known only at the end (careers).
 */

type IntArray = Int32Array | Uint8Array | Float32Array;
type IntArrayCtor<T extends IntArray> = { new (length: number): T };

export class Column<T extends IntArray> {
  #data: T;
  readonly #ctor: IntArrayCtor<T>;
  length = 0;

  constructor(ctor: IntArrayCtor<T>, capacity = 1024) {
    this.#ctor = ctor;
    this.#data = new ctor(capacity);
  }

  push(value: number): void {
    if (this.length === this.#data.length) {
      const bigger = new this.#ctor(this.#data.length * 2);
      bigger.set(this.#data as never);
      this.#data = bigger;
    }
    this.#data[this.length++] = value;
  }

  get(i: number): number {
    return this.#data[i]!;
  }

  set(i: number, value: number): void {
    this.#data[i] = value;
  }

  /** The filled part, as a view (no copy). */
  view(): T {
    return this.#data.subarray(0, this.length) as T;
  }
}
