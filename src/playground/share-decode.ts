/**
 * Reads the code of a share link: lz-string's `compressToEncodedURIComponent` format, decoded
 * with a bound on the output.
 *
 * lz-string's own decompressor has no bound, and its format is an LZW stream in which each
 * code may stand for a string one character longer than the one before: a link of 44 KB can
 * ask for 200 million characters (issue 9). This is the same algorithm (lz-string 1.5.0's
 * `_decompress`, MIT) that gives up as soon as the text would pass `maxChars`, and refuses a
 * character outside the alphabet instead of reading it as 0. It runs in a worker
 * (share-worker.ts), which the page also stops after a timeout.
 *
 * Pure, no DOM.
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$";
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

export class TooLong extends Error {
  readonly maxChars: number;
  constructor(maxChars: number) {
    super(`the code is longer than ${maxChars} characters`);
    this.maxChars = maxChars;
  }
}

/**
 * The text packed in `input`, or null if it is not a valid packing. Throws TooLong when the
 * text would be longer than `maxChars` (it stops there: the work is bounded by the input's
 * length and `maxChars`).
 */
export function decodeShared(input: string, maxChars: number): string | null {
  if (input.length === 0) return null;
  const values = new Uint8Array(input.length);
  for (let i = 0; i < input.length; i++) {
    const v = VALUE.get(input[i]!);
    if (v === undefined) return null;
    values[i] = v;
  }
  // Bits are read 6 to a character, the highest first (resetValue 32 in lz-string).
  let val = values[0]!;
  let position = 32;
  let index = 1;
  const read = (count: number): number => {
    let bits = 0;
    for (let power = 1, n = 0; n < count; n++, power *= 2) {
      const bit = val & position;
      position >>= 1;
      if (position === 0) {
        position = 32;
        // Past the end lz-string reads zeros.
        val = index < values.length ? values[index]! : 0;
        index++;
      }
      if (bit > 0) bits += power;
    }
    return bits;
  };

  const dictionary: string[] = ["", "", ""];
  let dictSize = 4;
  let numBits = 3;
  let enlargeIn = 4;
  const result: string[] = [];
  let length = 0;
  const push = (s: string) => {
    length += s.length;
    if (length > maxChars) throw new TooLong(maxChars);
    result.push(s);
  };

  let w: string;
  switch (read(2)) {
    case 0:
      w = String.fromCharCode(read(8));
      break;
    case 1:
      w = String.fromCharCode(read(16));
      break;
    case 2:
      return "";
    default:
      return null;
  }
  dictionary[3] = w;
  push(w);
  for (;;) {
    if (index > input.length) return null;
    let c = read(numBits);
    if (c === 0 || c === 1) {
      dictionary[dictSize++] = String.fromCharCode(read(c === 0 ? 8 : 16));
      c = dictSize - 1;
      enlargeIn--;
    } else if (c === 2) {
      return result.join("");
    }
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
    let entry: string;
    if (c < dictSize && dictionary[c] !== undefined && dictionary[c] !== "") entry = dictionary[c]!;
    else if (c === dictSize) entry = w + w.charAt(0);
    else return null;
    push(entry);
    dictionary[dictSize++] = w + entry.charAt(0);
    enlargeIn--;
    w = entry;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
}
