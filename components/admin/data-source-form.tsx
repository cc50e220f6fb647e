"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { bannerText } from "@/components/ui/form-banner";
import { Button } from "@/components/ui/button";
import { Field, TextAreaField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { apiFetch, errorFields } from "@/lib/query/api";

/** What the list shows of a source: secrets only as flags (the API never returns them). */
export type DataSourceRow = {
  id: string;
  name: string;
  url: string;
  authType: "none" | "bearer" | "basic";
  basicUser: string | null;
  headers: Record<string, string>;
  timeoutMs: number;
  isDefault: boolean;
  hasBearerToken: boolean;
  hasBasicPassword: boolean;
};

const AUTH = [
  { value: "none", label: "None" },
  { value: "bearer", label: "Bearer token" },
  { value: "basic", label: "Basic auth" },
];

const headersText = (h: Record<string, string>) =>
  Object.entries(h)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");

/** "Name: value" lines → object; returns the first bad line's message instead when one is malformed. */
function parseHeaders(text: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (line === "") continue;
    const colon = line.indexOf(":");
    if (colon <= 0) return `line ${i + 1}: write "Header-Name: value"`;
    out[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return out;
}

/**
 * Create (no `source`) or edit a Prometheus data source. In edit mode the secret fields start empty:
 * leaving one empty keeps the stored secret, typing replaces it, and "Remove" clears it.
 */
export function DataSourceForm({ source, onDone }: { source?: DataSourceRow; onDone?: () => void }) {
  const router = useRouter();
  const editing = source !== undefined;
  const [v, setV] = useState({
    name: source?.name ?? "",
    url: source?.url ?? "",
    authType: source?.authType ?? "none",
    bearerToken: "",
    basicUser: source?.basicUser ?? "",
    basicPassword: "",
    headers: headersText(source?.headers ?? {}),
    timeoutMs: String(source?.timeoutMs ?? 10000),
  });
  const [headerError, setHeaderError] = useState<string>();
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const mutation = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiFetch(editing ? `/api/v1/datasources/${source.id}` : "/api/v1/datasources", {
        method: editing ? "PATCH" : "POST",
        body,
      }),
    onSuccess: () => {
      if (!editing) setV({ ...v, name: "", url: "", bearerToken: "", basicPassword: "" });
      router.refresh();
      onDone?.();
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const headers = parseHeaders(v.headers);
    setHeaderError(typeof headers === "string" ? headers : undefined);
    if (typeof headers === "string") return;
    const timeout = Number(v.timeoutMs);
    const body: Record<string, unknown> = {
      name: v.name,
      url: v.url,
      authType: v.authType,
      headers,
      timeoutMs: Number.isFinite(timeout) && v.timeoutMs !== "" ? timeout : v.timeoutMs,
    };
    if (v.authType === "basic") body.basicUser = v.basicUser || null;
    // Empty secret fields: on create "none", on edit "keep the stored one" (so they are not sent).
    if (v.bearerToken !== "") body.bearerToken = v.bearerToken;
    if (v.basicPassword !== "") body.basicPassword = v.basicPassword;
    mutation.mutate(body);
  }

  const errors = errorFields(mutation.error);
  const banner = bannerText(mutation.error);
  const idp = editing ? `ds-${source.id}` : "ds-new";
  const keepHint = (has: boolean | undefined) =>
    editing && has ? "Stored (never shown). Leave empty to keep it; type to replace it." : undefined;
  return (
    <form
      className="form oc-form"
      onSubmit={onSubmit}
      noValidate
      aria-label={editing ? `Edit data source ${source.name}` : "New data source"}
    >
      {banner ? <Alert tone="danger">{banner}</Alert> : null}
      <div className="form-grid">
        <Field
          label="Name"
          name="name"
          id={`${idp}-name`}
          value={v.name}
          onChange={set("name")}
          error={errors.name}
          placeholder="mimir-prod"
          autoComplete="off"
          required
        />
        <Field
          label="URL"
          name="url"
          id={`${idp}-url`}
          value={v.url}
          onChange={set("url")}
          error={errors.url}
          placeholder="https://prometheus.example.com"
          autoComplete="off"
          spellCheck={false}
          required
          hint="The Prometheus HTTP API base URL. Loopback, private and metadata addresses are refused unless the operator allows them."
        />
        <SelectField
          label="Authentication"
          name="authType"
          id={`${idp}-auth`}
          options={AUTH}
          value={v.authType}
          onChange={set("authType")}
          error={errors.authType}
        />
        <Field
          label="Timeout (ms)"
          name="timeoutMs"
          id={`${idp}-timeout`}
          inputMode="numeric"
          value={v.timeoutMs}
          onChange={set("timeoutMs")}
          error={errors.timeoutMs}
        />
        {v.authType === "bearer" ? (
          <Field
            label="Bearer token"
            name="bearerToken"
            id={`${idp}-token`}
            type="password"
            autoComplete="new-password"
            value={v.bearerToken}
            onChange={set("bearerToken")}
            error={errors.bearerToken}
            hint={keepHint(source?.hasBearerToken)}
          />
        ) : null}
        {v.authType === "basic" ? (
          <>
            <Field
              label="Basic auth user"
              name="basicUser"
              id={`${idp}-user`}
              autoComplete="off"
              value={v.basicUser}
              onChange={set("basicUser")}
              error={errors.basicUser}
            />
            <Field
              label="Basic auth password"
              name="basicPassword"
              id={`${idp}-password`}
              type="password"
              autoComplete="new-password"
              value={v.basicPassword}
              onChange={set("basicPassword")}
              error={errors.basicPassword}
              hint={keepHint(source?.hasBasicPassword)}
            />
          </>
        ) : null}
      </div>
      <TextAreaField
        label="Extra headers"
        name="headers"
        id={`${idp}-headers`}
        rows={2}
        value={v.headers}
        onChange={set("headers")}
        error={
          headerError ??
          (Object.entries(errors)
            .filter(([k]) => k.startsWith("headers"))
            .map(([k, m]) => `${k}: ${m}`)
            .join("; ") ||
            undefined)
        }
        hint='One "Name: value" per line, e.g. X-Scope-OrgID: tenant-a. Not encrypted: keep credentials in the token or password.'
        spellCheck={false}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={mutation.isPending}>
          {editing ? "Save changes" : "Add data source"}
        </Button>
        {editing && source.hasBearerToken && v.authType === "bearer" ? (
          <Button variant="danger" onClick={() => mutation.mutate({ bearerToken: null })}>
            Remove stored token
          </Button>
        ) : null}
        {editing && source.hasBasicPassword && v.authType === "basic" ? (
          <Button variant="danger" onClick={() => mutation.mutate({ basicPassword: null })}>
            Remove stored password
          </Button>
        ) : null}
        {editing && onDone ? <Button onClick={onDone}>Cancel</Button> : null}
      </div>
    </form>
  );
}
