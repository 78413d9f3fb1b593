// Typed arrays for one search carved out of a few shared buffers: a search needs dozens of small
// arrays, and each standalone one costs an allocation outside the heap. Fresh views start zeroed,
// like new arrays; nothing is ever handed out twice.
export class Arena {
  private buffer: ArrayBuffer;
  private offset = 0;

  /** `bytes`: what the search is expected to need (more is fine: another buffer is taken). */
  constructor(private readonly bytes: number) {
    this.buffer = new ArrayBuffer(bytes);
  }

  f64(n: number): Float64Array {
    const at = this.reserve(n * 8);
    return at < 0 ? new Float64Array(n) : new Float64Array(this.buffer, at, n);
  }

  i32(n: number): Int32Array {
    const at = this.reserve(n * 4);
    return at < 0 ? new Int32Array(n) : new Int32Array(this.buffer, at, n);
  }

  u8(n: number): Uint8Array {
    const at = this.reserve(n);
    return at < 0 ? new Uint8Array(n) : new Uint8Array(this.buffer, at, n);
  }

  i8(n: number): Int8Array {
    const at = this.reserve(n);
    return at < 0 ? new Int8Array(n) : new Int8Array(this.buffer, at, n);
  }

  /** Where `size` bytes start in the current buffer (8-aligned), or -1: tiny arrays live in the heap, big ones alone. */
  private reserve(size: number): number {
    if (size <= IN_HEAP || size > this.bytes) return -1;
    let at = (this.offset + 7) & ~7;
    if (at + size > this.buffer.byteLength) {
      this.buffer = new ArrayBuffer(this.bytes);
      at = 0;
    }
    this.offset = at + size;
    return at;
  }
}

/** V8 keeps typed arrays up to this many bytes in the heap, where they cost least. */
const IN_HEAP = 64;
