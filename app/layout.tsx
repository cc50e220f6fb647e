import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "SRE control plane", template: "%s · SRE control plane" },
  description: "SLOs and error budgets, on-call, incidents and postmortems in one place",
};

/**
 * Sets data-theme before first paint (saved choice, else the OS preference) so the page never
 * flashes the wrong theme. Kept tiny and dependency-free; the key matches components/ui/theme-toggle.
 */
const themeBootstrap = `(function(){try{var t=localStorage.getItem("srecp-theme");if(t!=="light"&&t!=="dark"){t=window.matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light"}document.documentElement.dataset.theme=t}catch(e){document.documentElement.dataset.theme="light"}})();`;

/**
 * Reads the per-request CSP nonce set by proxy.ts (which also makes every page dynamically rendered,
 * as a nonce must be fresh per response); the inline theme script carries it, or the CSP blocks it.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeBootstrap }} />
      </head>
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
