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
  | { kind: 'code'; text: string };

const INLINE = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*)|(_[^_\s][^_]*_)/g;

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
