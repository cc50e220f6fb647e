// Lint: recommended JS/TS rules plus import rules that keep the layers of ARCHITECTURE.md apart.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const pure = [
  "@/lib/db*",
  "@/lib/db/**",
  "@/lib/prometheus*",
  "@/lib/prometheus/**",
  "@/lib/services/**",
  "@/lib/auth*",
  "@/lib/auth/**",
  "next",
  "next/*",
  "react",
  "react-dom",
  "zod",
  "@/components/**",
  "@/app/**",
];
const restrict = (patterns, message) => ["error", { patterns: [{ group: patterns, message }] }];

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "lib/db/generated/**",
      "next-env.d.ts",
      "bench/.work/**",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["scripts/**/*.mjs", "bench/**/*.mjs", "*.js", "*.mjs"],
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        URL: "readonly",
        fetch: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        Buffer: "readonly",
        WebAssembly: "readonly",
        module: "writable",
        require: "readonly",
        __dirname: "readonly",
        performance: "readonly",
        AbortController: "readonly",
        AbortSignal: "readonly",
        URLSearchParams: "readonly",
        setInterval: "readonly",
        clearInterval: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["lib/slo/**", "lib/oncall/**", "lib/postmortem/**", "lib/readiness/**", "lib/slo-as-code/**"],
    rules: {
      "no-restricted-imports": restrict(
        pure,
        "Domain code is pure: no I/O, framework or validation imports (ARCHITECTURE.md).",
      ),
    },
  },
  {
    files: ["lib/prometheus/**"],
    rules: {
      "no-restricted-imports": restrict(
        ["@/lib/db*", "@/lib/db/**", "@/lib/services/**", "@/lib/slo/**", "@/app/**", "@/components/**"],
        "The Prometheus client returns samples; math lives in lib/slo.",
      ),
    },
  },
  {
    files: ["lib/validation/**"],
    rules: {
      "no-restricted-imports": restrict(
        ["@/lib/db*", "@/lib/db/**", "@/lib/services/**", "next", "next/*", "@/app/**"],
        "Validation schemas are shared with the browser: no server imports.",
      ),
    },
  },
  {
    files: ["lib/services/**", "lib/auth/**", "lib/http/**"],
    rules: {
      "no-restricted-imports": restrict(
        ["@/app/**", "@/components/**", "**/generated/**"],
        "Services compose db, prometheus and the domain; Prisma stays in lib/db.",
      ),
    },
  },
  {
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": restrict(
        ["@/lib/db*", "@/lib/db/**", "@/lib/prometheus*", "@/lib/prometheus/**", "**/generated/**", "@prisma/*"],
        "Pages and routes call lib/services, never the database or Prometheus directly.",
      ),
    },
  },
  {
    files: ["components/ui/**", "components/charts/**"],
    rules: {
      "no-restricted-imports": restrict(
        ["@/lib/services/**", "@/lib/db*", "@/lib/db/**", "@/lib/slo/**", "@/lib/oncall/**", "@/lib/postmortem/**"],
        "UI primitives and charts take plain props.",
      ),
    },
  },
);
