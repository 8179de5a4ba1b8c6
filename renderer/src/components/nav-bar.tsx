import { PAGES, useRouteStore } from '../state/route-store';

export function NavBar() {
  const { page, go } = useRouteStore();
  return (
    <nav className="nav" aria-label="Main">
      <ul>
        {PAGES.map((p) => (
          <li key={p.id}>
            <a
              href={`#/${p.id}`}
              aria-current={page === p.id ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                go(p.id);
              }}
            >
              {p.title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
