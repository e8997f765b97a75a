import type { Range } from '../diagnostics.js';
import type { SourceLocation } from './types.js';

/** Numbers stored per value: start line/column, end line/column, key line/start/end column. */
const STRIDE = 7;

/**
 * The pointer → location map of a parse, recorded as flat numbers and materialised on first read.
 * Building a Map of Range objects (or even one pointer string per value) costs more than the parse
 * itself, and a valid document is often never asked where its values are, so the parser only
 * stores, per value, its parent, its key and its positions in typed arrays.
 *
 * Values are numbered in the order they start (a parent before its children); the map is built in
 * the order they end, as the parser used to record them.
 */
export class LazyLocations implements ReadonlyMap<string, SourceLocation> {
  private count = 0;
  private parents: Int32Array;
  private readonly tokens: (string | number)[] = [];
  private nums: Int32Array;
  /** Ids of finished values, in the order they ended. */
  private finished: Int32Array;
  private finishedCount = 0;
  /**
   * Duplicate keys seen so far: object id → key → the value count when the duplicate was read.
   * Members of that object with that key and an id below the count were replaced. Resolving
   * them is deferred to build(), which finds them all in one pass over the values: looking each
   * one up when its duplicate is read meant a scan per duplicate, quadratic on documents with
   * many of them (a 158 KB upload took 5.7 s).
   */
  private duplicates: Map<number, Map<string, number>> | undefined;
  /** JSON pointers of objects already asked for, so many duplicates in one object build it once. */
  private readonly pointerCache = new Map<number, string>();
  private map: Map<string, SourceLocation> | undefined;
  /**
   * Values visited while resolving duplicate keys, for tests that check the work stays linear in
   * the document's size (timing assertions would be flaky on shared machines).
   */
  duplicateWork = 0;

  /** `capacity`: the expected number of values (the arrays grow past it as needed). */
  constructor(capacity = 256) {
    const size = Math.max(16, Math.ceil(capacity));
    this.parents = new Int32Array(size);
    this.finished = new Int32Array(size);
    this.nums = new Int32Array(size * STRIDE);
  }

  /** Starts a value under `parent` (-1 for the root) at `key`; returns its id. */
  open(parent: number, key: string | number): number {
    const id = this.count++;
    if (id === this.parents.length) this.grow();
    this.parents[id] = parent;
    this.tokens.push(key);
    return id;
  }

  /** Records where a started value sits; keyLine is 0 when the value is not an object member. */
  close(id: number, sl: number, sc: number, el: number, ec: number, keyLine: number, ksc: number, kec: number): void {
    const n = this.nums;
    const o = id * STRIDE;
    n[o] = sl;
    n[o + 1] = sc;
    n[o + 2] = el;
    n[o + 3] = ec;
    n[o + 4] = keyLine;
    n[o + 5] = ksc;
    n[o + 6] = kec;
    this.finished[this.finishedCount++] = id;
    this.map = undefined;
  }

  /** The JSON pointer of a started value ("" for the root, or for -1). */
  pointerOf(id: number): string {
    if (id < 0 || this.parents[id]! < 0) return '';
    const cached = this.pointerCache.get(id);
    if (cached !== undefined) return cached;
    const pointer = `${this.pointerOf(this.parents[id]!)}/${escapeToken(this.tokens[id]!)}`;
    this.pointerCache.set(id, pointer);
    return pointer;
  }

  /**
   * Forgets the descendants of the finished member `key` of object `parent`, which a duplicate key
   * is about to replace (the member itself is re-recorded by the later value). O(1): the members
   * are found when the map is built.
   */
  replaceMember(parent: number, key: string): void {
    const duplicates = (this.duplicates ??= new Map());
    let keys = duplicates.get(parent);
    if (keys === undefined) duplicates.set(parent, (keys = new Map()));
    keys.set(key, this.count);
    this.map = undefined;
  }

  /** Ids of the members that a later duplicate key replaced, found in one pass over the values. */
  private replacedMembers(): Set<number> | undefined {
    const duplicates = this.duplicates;
    if (duplicates === undefined) return undefined;
    const replaced = new Set<number>();
    for (let id = 0; id < this.count; id++) {
      this.duplicateWork++;
      const keys = duplicates.get(this.parents[id]!);
      if (keys === undefined) continue;
      const token = this.tokens[id]!;
      // Array elements have numeric tokens, so only object members can match a key.
      const before = typeof token === 'string' ? keys.get(token) : undefined;
      if (before !== undefined && id < before) replaced.add(id);
    }
    return replaced;
  }

  private grow(): void {
    const size = this.parents.length * 2;
    const parents = new Int32Array(size);
    parents.set(this.parents);
    this.parents = parents;
    const finished = new Int32Array(size);
    finished.set(this.finished);
    this.finished = finished;
    const nums = new Int32Array(size * STRIDE);
    nums.set(this.nums);
    this.nums = nums;
  }

  private build(): Map<string, SourceLocation> {
    if (this.map) return this.map;
    // Parents start before their children, so one pass in id order yields every pointer.
    const pointers: (string | null)[] = new Array<string | null>(this.count);
    const replaced = this.replacedMembers();
    for (let id = 0; id < this.count; id++) {
      const parent = this.parents[id]!;
      if (parent < 0) {
        pointers[id] = '';
        continue;
      }
      const base = pointers[parent];
      pointers[id] = base === null || base === undefined || replaced?.has(parent) ? null : `${base}/${escapeToken(this.tokens[id]!)}`;
    }
    const map = new Map<string, SourceLocation>();
    const n = this.nums;
    for (let i = 0; i < this.finishedCount; i++) {
      const id = this.finished[i]!;
      const pointer = pointers[id];
      if (pointer === null || pointer === undefined) continue;
      const o = id * STRIDE;
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

/** An RFC 6901 reference token: `~` and `/` escaped. */
export function escapeToken(key: string | number): string {
  if (typeof key === 'number') return String(key);
  return key.indexOf('~') === -1 && key.indexOf('/') === -1 ? key : key.replace(/~/g, '~0').replace(/\//g, '~1');
}
