import type { Metadata } from "next";
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

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeBootstrap }} />
      </head>
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
