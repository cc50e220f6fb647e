import Link from "next/link";
import type { ReactNode } from "react";

/**
 * One home panel: a titled section with its count and a link to the full list; `empty` is shown instead
 * of the body when there is nothing to show (an explicit "all clear", never a blank box).
 */
export function HomePanel({
  id,
  title,
  count,
  more,
  empty,
  notice,
  listLabel,
  children,
}: {
  id: string;
  title: string;
  count: number;
  more?: { href: string; label: string };
  empty: ReactNode;
  /** Shown above the list (e.g. that the figures are stale). */
  notice?: ReactNode;
  /** The list's accessible name; the children are its Items. */
  listLabel: string;
  children: ReactNode;
}) {
  return (
    <section className="card home-panel" aria-labelledby={`${id}-title`} id={id} data-count={count}>
      <header className="card-header">
        <h2 id={`${id}-title`}>
          {title} <span className={count > 0 ? "home-count home-count-on" : "home-count"}>{count}</span>
        </h2>
        {more ? (
          <Link href={more.href} className="small">
            {more.label}
          </Link>
        ) : null}
      </header>
      <div className="card-body">
        {count === 0 ? (
          <p className="home-empty">{empty}</p>
        ) : (
          <>
            {notice}
            <ItemList label={listLabel}>{children}</ItemList>
          </>
        )}
      </div>
    </section>
  );
}

/** A compact list of linked items: title line, then muted facts. */
function ItemList({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ul className="home-list" aria-label={label}>
      {children}
    </ul>
  );
}

export function Item({
  href,
  title,
  badges,
  children,
}: {
  href: string;
  title: ReactNode;
  badges?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <li>
      <div className="home-item-title">
        {badges ? <span className="home-badges">{badges}</span> : null}
        <Link href={href}>{title}</Link>
      </div>
      {children ? <div className="small muted">{children}</div> : null}
    </li>
  );
}

/** One more fact on an item's line, after a middle dot; `mono` for slugs and names of services. */
export function Also({ mono, children }: { mono?: boolean; children: ReactNode }) {
  return <> · {mono ? <span className="mono">{children}</span> : children}</>;
}
