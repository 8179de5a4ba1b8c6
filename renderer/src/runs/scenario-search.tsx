/** The search over the scenarios: a labelled search field (Escape clears it) and how many it keeps, told to screen readers as it changes. */
export function ScenarioSearch({ query, onQuery, shown, total }: { query: string; onQuery: (q: string) => void; shown: number; total: number }) {
  return (
    <div className="row scenario-search" role="search" aria-label="Scenario search">
      <label className="dash-control">
        <span>Search</span>
        <input
          type="search"
          aria-label="Search scenarios"
          placeholder="title, lab, tag, difficulty"
          value={query}
          onChange={(e) => onQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onQuery('');
          }}
        />
      </label>
      <span role="status" className="muted">
        {query.trim() ? (shown === 0 ? `No scenario matches "${query.trim()}"` : `${shown} of ${total} scenarios`) : `${total} scenarios`}
      </span>
    </div>
  );
}
