import { Fragment, useMemo } from 'react';
import { parseMarkdown, type Inline } from './markdown-blocks';

function Inlines({ parts }: { parts: Inline[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.kind === 'code' ? <code key={i}>{p.text}</code> : p.kind === 'strong' ? <strong key={i}>{p.text}</strong> : p.kind === 'em' ? <em key={i}>{p.text}</em> : <Fragment key={i}>{p.text}</Fragment>,
      )}
    </>
  );
}

/** A scenario's Markdown (briefing, prompt, hint, solution) as React elements. */
export function Markdown({ text, className }: { text: string; className?: string }) {
  const blocks = useMemo(() => parseMarkdown(text), [text]);
  return (
    <div className={`markdown${className ? ` ${className}` : ''}`}>
      {blocks.map((b, i) => {
        switch (b.kind) {
          case 'p':
            return (
              <p key={i}>
                <Inlines parts={b.inline} />
              </p>
            );
          case 'h':
            return (
              <p key={i} className="md-heading">
                <strong>
                  <Inlines parts={b.inline} />
                </strong>
              </p>
            );
          case 'code':
            return (
              <pre key={i} className="mono">
                {b.text}
              </pre>
            );
          case 'table':
            return (
              <table key={i} className="services md-table">
                <thead>
                  <tr>
                    {b.head.map((c, j) => (
                      <th key={j}>
                        <Inlines parts={c} />
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {b.rows.map((r, j) => (
                    <tr key={j}>
                      {r.map((c, k) => (
                        <td key={k}>
                          <Inlines parts={c} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          default: {
            const List = b.kind;
            return (
              <List key={i}>
                {b.items.map((it, j) => (
                  <li key={j}>
                    <Inlines parts={it} />
                  </li>
                ))}
              </List>
            );
          }
        }
      })}
    </div>
  );
}
