"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useState } from "react";

export type NavItem = { href: string; label: string };

/**
 * Primary navigation; the section containing the current page is marked aria-current. Below 768 px the
 * list collapses behind a "Menu" button (aria-expanded) so the links never clip; it closes on navigation
 * and on Escape.
 */
export function Nav({ items }: { items: NavItem[] }) {
  const pathname = usePathname() ?? "/";
  const [open, setOpen] = useState(false);
  const listId = useId();
  useEffect(() => setOpen(false), [pathname]);
  const current = items.find((i) => pathname === i.href || pathname.startsWith(`${i.href}/`));
  return (
    <nav
      aria-label="Main"
      className={open ? "nav open" : "nav"}
      onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
    >
      <button
        type="button"
        className="nav-toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <path
            d={open ? "M3 3l10 10M13 3L3 13" : "M2 4h12M2 8h12M2 12h12"}
            stroke="currentColor"
            strokeWidth="1.6"
            fill="none"
            strokeLinecap="round"
          />
        </svg>
        Menu{current ? <span className="nav-toggle-current">: {current.label}</span> : null}
      </button>
      <ul id={listId}>
        {items.map((item) => {
          const active = item === current;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={active ? "nav-link active" : "nav-link"}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
