import type { ReactNode } from "react";
import { ThemeToggle } from "@/components/ui/theme-toggle";

/** Signed-out pages (sign-in, first-run setup): one centered card, no navigation. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="centered-page">
      <div className="auth-card">
        <div className="auth-brand">
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <path d="M3 17l5-6 4 4 5-8 4 5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
          </svg>
          <span>SRE control plane</span>
          <ThemeToggle />
        </div>
        {children}
      </div>
    </main>
  );
}
