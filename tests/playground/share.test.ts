/**
 * Share links (src/playground/share-decode.ts): the bounded decoder reads every link that
 * lz-string writes, exactly as lz-string reads it, and stops a link that unpacks past its
 * bound after doing work proportional to the bound, not to what the link asks for.
 */
import { describe, expect, test } from "vitest";
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";
import { TooLong, decodeShared } from "../../src/playground/share-decode.ts";
import { MAX_SOURCE_CHARS } from "../../src/playground/limits.ts";
import { makeShareBomb } from "./share-bomb.ts";

describe("decodeShared", () => {
  test("reads what lz-string writes, for texts of every kind", () => {
    const texts = [
      'import asyncio, { print } from "asyncio";\nprint("shared + code $ with symbols & more");\n',
      "a",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
      "é ü 中文 🎉 \u0000 \uffff",
      Array.from({ length: 3000 }, (_, i) => String.fromCharCode(32 + ((i * 7919) % 5000))).join(""),
    ];
    let seed = 7;
    for (let n = 0; n < 40; n++) {
      let s = "";
      const len = (seed = (seed * 48271) % 2147483647) % 2000;
      for (let i = 0; i < len; i++) s += String.fromCharCode(((seed = (seed * 48271) % 2147483647) % 300) + 9);
      texts.push(s);
    }
    for (const text of texts) {
      const packed = compressToEncodedURIComponent(text);
      expect(decodeShared(packed, MAX_SOURCE_CHARS)).toBe(text);
      expect(decompressFromEncodedURIComponent(packed)).toBe(text);
    }
  });

  test("refuses what is not a packing", () => {
    expect(decodeShared("", 100)).toBeNull();
    expect(decodeShared("abc def", 100)).toBeNull();
    expect(decodeShared("<script>", 100)).toBeNull();
    // A valid start cut short.
    const packed = compressToEncodedURIComponent("hello, hello, hello world");
    expect(decodeShared(packed.slice(0, 4), 100)).toBeNull();
  });

  test("a 50 KB bomb that lz-string would unpack to 200 M characters stops at the bound, at once", () => {
    const bomb = makeShareBomb(50_000);
    expect(bomb.length).toBeGreaterThanOrEqual(49_990);
    expect(bomb.length).toBeLessThanOrEqual(50_000);
    // What the link asks for: the sum 2 + 3 + … over its codes (not unpacked here).
    const t = performance.now();
    expect(() => decodeShared(bomb, MAX_SOURCE_CHARS)).toThrow(TooLong);
    const ms = performance.now() - t;
    console.log(`bomb of ${bomb.length} chars refused after ${ms.toFixed(1)} ms`);
    // A small bomb is a valid link: lz-string and the decoder agree on what it holds.
    const small = makeShareBomb(60);
    const text = decompressFromEncodedURIComponent(small);
    expect(text).toMatch(/^a+$/);
    expect(decodeShared(small, MAX_SOURCE_CHARS)).toBe(text);
    expect(() => decodeShared(small, text!.length - 1)).toThrow(TooLong);
  });
});
