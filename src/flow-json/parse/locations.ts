import type { Range } from '../diagnostics.js';
import type { SourceLocation } from './types.js';

/** Numbers stored per recorded value: start line/column, end line/column, key line/start/end column. */
const STRIDE = 7;

/**
 * The pointer → location map of a parse, recorded as flat numbers and materialised on first read.
 * Building a Map of Range objects costs more than the parse itself, and a valid document is often
 * never asked where its values are, so the parser only appends numbers here.
 */
export class LazyLocations implements ReadonlyMap<string, SourceLocation> {
  private readonly pointers: (string | null)[] = [];
  private readonly nums: number[] = [];
  private map: Map<string, SourceLocation> | undefined;

  /** Records a value; keyLine is 0 when the value is not an object member. */
  record(pointer: string, sl: number, sc: number, el: number, ec: number, keyLine: number, ksc: number, kec: number): void {
    this.pointers.push(pointer);
    this.nums.push(sl, sc, el, ec, keyLine, ksc, kec);
    this.map = undefined;
  }

  /** Forgets every recorded pointer under `prefix` (the descendants of a value a duplicate key replaced). */
  forgetUnder(prefix: string): void {
    const pointers = this.pointers;
    for (let i = 0; i < pointers.length; i++) if (pointers[i]?.startsWith(prefix)) pointers[i] = null;
    this.map = undefined;
  }

  private build(): Map<string, SourceLocation> {
    if (this.map) return this.map;
    const map = new Map<string, SourceLocation>();
    const n = this.nums;
    for (let i = 0; i < this.pointers.length; i++) {
      const pointer = this.pointers[i];
      if (pointer === null || pointer === undefined) continue;
      const o = i * STRIDE;
      const value: Range = { start: { line: n[o]!, column: n[o + 1]! }, end: { line: n[o + 2]!, column: n[o + 3]! } };
      const keyLine = n[o + 4]!;
      map.set(pointer, keyLine === 0 ? { value } : {
        key: { start: { line: keyLine, column: n[o + 5]! }, end: { line: keyLine, column: n[o + 6]! } },
        value,
      });
    }
    this.map = map;
    return map;
  }

  get size(): number { return this.build().size; }
  get(pointer: string): SourceLocation | undefined { return this.build().get(pointer); }
  has(pointer: string): boolean { return this.build().has(pointer); }
  forEach(fn: (value: SourceLocation, key: string, map: ReadonlyMap<string, SourceLocation>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.build()) fn.call(thisArg, v, k, this);
  }
  entries(): MapIterator<[string, SourceLocation]> { return this.build().entries(); }
  keys(): MapIterator<string> { return this.build().keys(); }
  values(): MapIterator<SourceLocation> { return this.build().values(); }
  [Symbol.iterator](): MapIterator<[string, SourceLocation]> { return this.build()[Symbol.iterator](); }
}
