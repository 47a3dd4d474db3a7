/**
 * A hand-made lz-string "decompression bomb" for tests (issue 9): a valid
 * `compressToEncodedURIComponent` stream of one literal followed by codes that each stand
 * for the previous string plus one character (LZW's KwKwK case), so that n codes unpack to
 * about n²/2 characters. `makeShareBomb(50_000)` is a 50 KB link that unpacks to about
 * 200 million characters.
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$";

export function makeShareBomb(chars: number): string {
  const out: string[] = [];
  let val = 0;
  let filled = 0;
  const bit = (b: number) => {
    val = (val << 1) | b;
    if (++filled === 6) {
      out.push(ALPHABET[val]!);
      val = 0;
      filled = 0;
    }
  };
  // Bits of a value go lowest first, as lz-string writes them.
  const write = (value: number, count: number) => {
    for (let i = 0; i < count; i++) bit((value >> i) & 1);
  };
  write(0, 2); // an 8-bit literal follows
  write(97, 8); // "a"
  let dictSize = 4;
  let numBits = 3;
  let enlargeIn = 4;
  // Room for the end marker and the padding.
  while ((out.length * 6 + filled + 2 * numBits + 6) / 6 < chars) {
    write(dictSize, numBits); // the string not yet in the dictionary: previous + its first char
    dictSize++;
    enlargeIn--;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
  write(2, numBits); // end of stream
  while (filled !== 0) bit(0);
  return out.join("");
}
