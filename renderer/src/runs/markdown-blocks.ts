/**
 * The small Markdown a scenario's briefing, prompts and hints use: paragraphs, `#` headings,
 * `-`/`*`/`1.` lists, fenced code, and inline `code`, **bold**, *emphasis*. Parsed to plain data
 * and rendered as React elements, so nothing in a scenario file becomes HTML.
 */
export type Inline = { kind: 'text' | 'code' | 'strong' | 'em'; text: string };
export type Block =
  | { kind: 'p'; inline: Inline[] }
  | { kind: 'h'; level: number; inline: Inline[] }
  | { kind: 'ul' | 'ol'; items: Inline[][] }
  | { kind: 'code'; text: string }
  | { kind: 'table'; head: Inline[][]; rows: Inline[][][] };

// emphasis with _ only between words' edges: snake_case names stay as they are
const INLINE = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*)|((?<![\p{L}\p{N}_])_[^_\s][^_]*_(?![\p{L}\p{N}_]))/gu;

export function parseInline(s: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of s.matchAll(INLINE)) {
    if (m.index > last) out.push({ kind: 'text', text: s.slice(last, m.index) });
    const t = m[0];
    if (m[1]) out.push({ kind: 'code', text: t.slice(1, -1) });
    else if (m[2]) out.push({ kind: 'strong', text: t.slice(2, -2) });
    else out.push({ kind: 'em', text: t.slice(1, -1) });
    last = m.index + t.length;
  }
  if (last < s.length) out.push({ kind: 'text', text: s.slice(last) });
  return out;
}

/** The cells of a `| a | b |` row; `\\|` is a pipe inside a cell. */
export const tableCells = (line: string): string[] =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, '|'));

const LIST = /^\s*([-*]|\d+[.)])\s+(.*)$/;

export function parseMarkdown(src: string): Block[] {
  const lines = src.replace(/\r\n/g, '\n').split('\n');
  const blocks: Block[] = [];
  let para: string[] = [];
  const endPara = (): void => {
    if (para.length) blocks.push({ kind: 'p', inline: parseInline(para.join(' ')) });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*```/.test(line)) {
      endPara();
      const body: string[] = [];
      while (++i < lines.length && !/^\s*```/.test(lines[i])) body.push(lines[i]);
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    if (/^\s*\|/.test(line)) {
      endPara();
      const rows: string[][] = [];
      for (; i < lines.length && /^\s*\|/.test(lines[i]); i++) rows.push(tableCells(lines[i]));
      i--;
      const body = rows.slice(1).filter((r) => !r.every((c) => /^:?-{2,}:?$/.test(c)));
      blocks.push({ kind: 'table', head: rows[0].map(parseInline), rows: body.map((r) => r.map(parseInline)) });
      continue;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    const li = LIST.exec(line);
    if (h) {
      endPara();
      blocks.push({ kind: 'h', level: h[1].length, inline: parseInline(h[2].trim()) });
    } else if (li) {
      endPara();
      const kind = /\d/.test(li[1]) ? 'ol' : 'ul';
      const prev = blocks.at(-1);
      const item = parseInline(li[2].trim());
      if (prev && prev.kind === kind) prev.items.push(item);
      else blocks.push({ kind, items: [item] });
    } else if (!line.trim()) endPara();
    else {
      const prev = blocks.at(-1);
      // an indented line right after a list item continues it
      if (!para.length && /^\s+\S/.test(line) && prev && (prev.kind === 'ul' || prev.kind === 'ol')) prev.items[prev.items.length - 1].push(...parseInline(` ${line.trim()}`));
      else para.push(line.trim());
    }
  }
  endPara();
  return blocks;
}
