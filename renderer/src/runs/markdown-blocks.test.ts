import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './markdown-blocks';

describe('briefing markdown', () => {
  it('parses inline code, bold and emphasis, leaving the rest as text', () => {
    expect(parseInline('**02:14, orders are late.** Run `XPENDING orders workers` on *redis*.')).toEqual([
      { kind: 'strong', text: '02:14, orders are late.' },
      { kind: 'text', text: ' Run ' },
      { kind: 'code', text: 'XPENDING orders workers' },
      { kind: 'text', text: ' on ' },
      { kind: 'em', text: 'redis' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('leaves snake_case names alone but reads _emphasis_', () => {
    expect(parseInline('sum(redis_stream_group_messages_pending) is _high_')).toEqual([
      { kind: 'text', text: 'sum(redis_stream_group_messages_pending) is ' },
      { kind: 'em', text: 'high' },
    ]);
  });

  it('makes paragraphs of wrapped lines, lists, headings and code blocks', () => {
    const blocks = parseMarkdown('# Situation\nline one\nline two\n\n- a\n- b\n\n1. first\n\n```\nredis-cli ping\n```\n<script>x</script>');
    expect(blocks.map((b) => b.kind)).toEqual(['h', 'p', 'ul', 'ol', 'code', 'p']);
    expect(blocks[1]).toEqual({ kind: 'p', inline: [{ kind: 'text', text: 'line one line two' }] });
    expect(blocks[2]).toMatchObject({ items: [[{ text: 'a' }], [{ text: 'b' }]] });
    expect(blocks[4]).toEqual({ kind: 'code', text: 'redis-cli ping' });
    // markup stays text: it is rendered as a React text node, never as HTML
    expect(blocks[5]).toEqual({ kind: 'p', inline: [{ kind: 'text', text: '<script>x</script>' }] });
  });

  it('reads the tables of a report, with escaped pipes inside cells', () => {
    const [t] = parseMarkdown('| | phase | check |\n|---|---|---:|\n| ✅ | verify | a \\| b |');
    expect(t.kind).toBe('table');
    if (t.kind !== 'table') return;
    expect(t.head.map((c) => c.map((x) => x.text).join(''))).toEqual(['', 'phase', 'check']);
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0].map((c) => c.map((x) => x.text).join(''))).toEqual(['✅', 'verify', 'a | b']);
  });
});
