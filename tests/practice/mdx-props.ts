/**
 * Reads the props of components such as <Predict> and <Exercise> from the chapters' MDX
 * text, without evaluating anything: string attributes (`a="..."`) and array-of-string
 * expressions (`wrong={["a\nb", 'c']}`), the only forms content/README.md allows for them.
 */

export interface Tag {
  /** 1-based line of the tag's `<`. */
  line: number;
  props: Record<string, string | string[]>;
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", "\\": "\\", '"': '"', "'": "'", "`": "`", "0": "\0" };

/** A JS string literal starting at text[i] (quote char at i); returns its value and end. */
function stringLiteral(text: string, i: number): { value: string; end: number } {
  const quote = text[i]!;
  let value = "";
  let j = i + 1;
  while (j < text.length && text[j] !== quote) {
    if (text[j] === "\\") {
      const e = text[j + 1]!;
      if (e === "u") {
        const hex = /^\{([0-9a-fA-F]+)\}|^([0-9a-fA-F]{4})/.exec(text.slice(j + 2));
        if (!hex) throw new Error(`bad \\u escape at ${j}`);
        value += String.fromCodePoint(parseInt(hex[1] ?? hex[2]!, 16));
        j += 2 + hex[0].length;
        continue;
      }
      if (!(e in ESCAPES)) throw new Error(`unsupported escape \\${e}`);
      value += ESCAPES[e];
      j += 2;
      continue;
    }
    if (quote === "`" && text.startsWith("${", j)) throw new Error("template literals with ${} are not allowed here");
    if (quote !== "`" && text[j] === "\n") throw new Error("unterminated string");
    value += text[j];
    j++;
  }
  if (j >= text.length) throw new Error("unterminated string");
  return { value, end: j + 1 };
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

/** `{[ "a", 'b', `c` ]}` starting at the `{`: the array's strings and the end. */
function stringArray(text: string, i: number): { value: string[]; end: number } {
  let j = skipSpace(text, i + 1);
  if (text[j] !== "[") throw new Error("expected an array of strings");
  j = skipSpace(text, j + 1);
  const value: string[] = [];
  while (text[j] !== "]") {
    if (!`"'\``.includes(text[j]!)) throw new Error(`expected a string literal, found ${JSON.stringify(text[j])}`);
    const s = stringLiteral(text, j);
    value.push(s.value);
    j = skipSpace(text, s.end);
    if (text[j] === ",") j = skipSpace(text, j + 1);
    else if (text[j] !== "]") throw new Error("expected , or ]");
  }
  j = skipSpace(text, j + 1);
  if (text[j] !== "}") throw new Error("expected } after the array");
  return { value, end: j + 1 };
}

/** Every `<Name ...>` opening tag in the MDX text, with its props. */
export function findTags(mdx: string, name: string): Tag[] {
  const tags: Tag[] = [];
  const open = new RegExp(`<${name}(?=[\\s/>])`, "g");
  for (const m of mdx.matchAll(open)) {
    const line = mdx.slice(0, m.index).split("\n").length;
    const props: Record<string, string | string[]> = {};
    let i = m.index + m[0].length;
    for (;;) {
      i = skipSpace(mdx, i);
      if (mdx[i] === ">" || mdx.startsWith("/>", i)) break;
      const attr = /^[A-Za-z_][\w-]*/.exec(mdx.slice(i));
      if (!attr) throw new Error(`line ${line}: cannot read the props of <${name}>`);
      i += attr[0].length;
      i = skipSpace(mdx, i);
      if (mdx[i] !== "=") {
        props[attr[0]] = "true";
        continue;
      }
      i = skipSpace(mdx, i + 1);
      try {
        if (mdx[i] === '"' || mdx[i] === "'") {
          const end = mdx.indexOf(mdx[i]!, i + 1);
          props[attr[0]] = mdx.slice(i + 1, end);
          i = end + 1;
        } else if (mdx[i] === "{") {
          const a = stringArray(mdx, i);
          props[attr[0]] = a.value;
          i = a.end;
        } else throw new Error("expected a string or {[...]}");
      } catch (error) {
        throw new Error(`line ${line}: <${name} ${attr[0]}>: ${(error as Error).message}`);
      }
    }
    tags.push({ line, props });
  }
  return tags;
}
