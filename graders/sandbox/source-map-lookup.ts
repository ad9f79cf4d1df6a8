/**
 * The position in the learner's source of a position in sucrase's output, from its source map: browser-safe (no
 * node:module), so that Run names the same column as Submit (transpile.ts uses Node's SourceMap, same rule).
 */
export interface SourceMapV3 {
  mappings: string;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** One generated line's segments: [generatedColumn, originalLine, originalColumn], all 0-based. */
type Segment = [number, number, number];

function decodeLines(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let srcLine = 0;
  let srcCol = 0;
  let srcIdx = 0;
  for (const text of mappings.split(";")) {
    const segs: Segment[] = [];
    let genCol = 0;
    for (const seg of text.split(",")) {
      if (seg === "") continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        if (digit < 0) return lines;
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      genCol += values[0] ?? 0;
      if (values.length >= 4) {
        srcIdx += values[1]!;
        srcLine += values[2]!;
        srcCol += values[3]!;
        segs.push([genCol, srcLine, srcCol]);
      }
    }
    lines.push(segs);
  }
  void srcIdx;
  return lines;
}

/** Like Node's SourceMap.findEntry: the last mapped token at or before (line, column) on that generated line. */
export function sourceMapLookup(map: SourceMapV3): (jsLine: number, jsColumn: number) => { line: number; column: number } | undefined {
  const lines = decodeLines(map.mappings);
  return (jsLine, jsColumn) => {
    const segs = lines[jsLine - 1];
    if (!segs) return undefined;
    let best: Segment | undefined;
    for (const s of segs) if (s[0] <= jsColumn - 1) best = s;
    return best ? { line: best[1] + 1, column: best[2] + 1 } : undefined;
  };
}
