import Link from "next/link";
import { Nav, type NavItem } from "@/components/ui/nav";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { SignOutButton } from "./sign-out-button";

type Props = { user: { name: string; email: string; role: string }; isAdmin: boolean };

/** Top bar of every signed-in page: product name, sections, the user and their controls. */
export function AppHeader({ user, isAdmin }: Props) {
  const items: NavItem[] = [
    { href: "/home", label: "Home" },
    { href: "/services", label: "Services" },
    { href: "/slos", label: "SLOs" },
    { href: "/oncall", label: "On-call" },
    { href: "/incidents", label: "Incidents" },
    { href: "/action-items", label: "Action items" },
    { href: "/scorecard", label: "Scorecard" },
    { href: "/reports", label: "Reports" },
    { href: "/teams", label: "Teams" },
    { href: "/api-docs", label: "API" },
    ...(isAdmin ? [{ href: "/admin", label: "Admin" }] : []),
  ];
  return (
    <header className="app-header">
      <Link href="/home" className="brand">
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <path d="M3 17l5-6 4 4 5-8 4 5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
        </svg>
        <span>SRE control plane</span>
      </Link>
      <Nav items={items} />
      <div className="header-user">
        <Link
          href="/settings/profile"
          className="user-chip"
          title={`${user.email}: profile, contact methods, API tokens`}
        >
          <span className="user-name">{user.name}</span>
          <span className="user-role">{user.role}</span>
        </Link>
        <ThemeToggle />
        <SignOutButton />
      </div>
    </header>
  );
}
