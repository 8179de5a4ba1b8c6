import type { ReactNode } from 'react';

interface Props {
  title: string;
  description?: string;
  kind: string;
  width: number;
  error?: string | null;
  loading?: boolean;
  /** Drawn points, for tests and the curious: `data-points` on the panel element. */
  points?: number;
  children?: ReactNode;
}

/** The box every panel sits in: title, its place in the 12-column grid, and its own error line. */
export function PanelFrame({ title, description, kind, width, error, loading, points, children }: Props) {
  return (
    <section
      className={`dash-panel ${kind}`}
      aria-label={title}
      data-kind={kind}
      data-points={points}
      style={{ gridColumn: `span ${width}` }}
    >
      <header className="dash-panel-head">
        <h3 title={description}>{title}</h3>
        {loading ? <span className="muted dash-loading">loading…</span> : null}
      </header>
      {error ? (
        <p className="dash-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dash-panel-body">{children}</div>
    </section>
  );
}
