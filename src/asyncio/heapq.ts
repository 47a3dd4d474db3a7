/**
 * CPython's heapq (its C implementation, `_heapq`), comparison for comparison: which item a
 * heap hands out among equals depends on the exact sequence of swaps, and asyncio uses heaps
 * in two places a program can see: PriorityQueue's items, and the loop's timers (equal
 * deadlines given by `call_at`). `lt(a, b)` is the heap's `a < b`; when it raises (items that
 * do not compare), the heap is left as C leaves it: the new item appended, swaps done so far.
 */

export type Less<T> = (a: T, b: T) => boolean;

/** `_siftdown`: moves heap[pos] up towards startpos while it is less than its parent. */
function siftdown<T>(heap: T[], startpos: number, pos: number, lt: Less<T>): void {
  while (pos > startpos) {
    const parentpos = (pos - 1) >> 1;
    if (!lt(heap[pos], heap[parentpos])) break;
    const parent = heap[parentpos];
    heap[parentpos] = heap[pos];
    heap[pos] = parent;
    pos = parentpos;
  }
}

/** `_siftup`: moves the smaller child up until a leaf, then sifts the item there down. */
function siftup<T>(heap: T[], pos: number, lt: Less<T>): void {
  const endpos = heap.length;
  const startpos = pos;
  const limit = endpos >> 1;
  while (pos < limit) {
    let childpos = 2 * pos + 1;
    // The right child when the left one is not less than it (C: childpos += cmp ^ 1).
    if (childpos + 1 < endpos && !lt(heap[childpos], heap[childpos + 1])) childpos += 1;
    const child = heap[childpos];
    heap[childpos] = heap[pos];
    heap[pos] = child;
    pos = childpos;
  }
  siftdown(heap, startpos, pos, lt);
}

/** `heapq.heappush(heap, item)`. */
export function heappush<T>(heap: T[], item: T, lt: Less<T>): void {
  heap.push(item);
  siftdown(heap, 0, heap.length - 1, lt);
}

/** `heapq.heappop(heap)`; undefined for an empty heap (CPython: IndexError). */
export function heappop<T>(heap: T[], lt: Less<T>): T | undefined {
  const last = heap.pop();
  if (last === undefined || heap.length === 0) return last;
  const top = heap[0];
  heap[0] = last;
  siftup(heap, 0, lt);
  return top;
}

/** `heapq.heapify(x)`: every parent from the last one up to the root sifted into place. */
export function heapify<T>(heap: T[], lt: Less<T>): void {
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftup(heap, i, lt);
}
