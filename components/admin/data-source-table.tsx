"use client";
import { useMutation } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { ActionButton } from "@/components/oncall/action-button";
import { ConfirmAction } from "@/components/oncall/confirm-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import { apiFetch, errorMessage } from "@/lib/query/api";
import { DataSourceForm, type DataSourceRow } from "./data-source-form";

type TestResult =
  | {
      ok: true;
      latencyMs: number;
      resultType: string;
      series: number;
      sample: { metric: Record<string, string>; value: number | string | null }[];
      version: string | null;
    }
  | { ok: false; latencyMs: number; message: string };

const metricText = (m: Record<string, string>) =>
  `{${Object.entries(m)
    .map(([k, v]) => `${k}="${v}"`)
    .join(", ")}}`;

/** "Test connection": a sample instant query against the saved source, with its latency. */
function TestConnection({ row }: { row: DataSourceRow }) {
  const [query, setQuery] = useState("up");
  const test = useMutation({
    mutationFn: () => apiFetch<TestResult>(`/api/v1/datasources/${row.id}/test`, { method: "POST", body: { query } }),
  });
  const r = test.data;
  return (
    <div className="stack">
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          test.mutate();
        }}
      >
        <div className="field">
          <label htmlFor={`ds-${row.id}-query`}>Sample query</label>
          <input
            id={`ds-${row.id}-query`}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            spellCheck={false}
          />
        </div>
        <div>
          <Button type="submit" size="sm" pending={test.isPending}>
            Run test
          </Button>
        </div>
      </form>
      {test.error ? (
        <p className="field-error" role="alert">
          {errorMessage(test.error)}
        </p>
      ) : null}
      {r?.ok === true ? (
        <div role="status">
          <Badge tone="success">connected</Badge> {r.latencyMs} ms{r.version ? `, Prometheus ${r.version}` : ""};{" "}
          {r.resultType}, {r.series} series
          {r.sample.length ? (
            <ul className="small">
              {r.sample.map((s, i) => (
                <li key={i}>
                  <code>
                    {metricText(s.metric)} {String(s.value)}
                  </code>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {r?.ok === false ? (
        <p role="status">
          <Badge tone="danger">failed</Badge> after {r.latencyMs} ms: {r.message}
        </p>
      ) : null}
    </div>
  );
}

/** Data sources with edit, test, default and delete; one row's panel open at a time. */
export function DataSourceTable({ items }: { items: DataSourceRow[] }) {
  const [open, setOpen] = useState<{ id: string; panel: "edit" | "test" } | null>(null);
  const toggle = (id: string, panel: "edit" | "test") =>
    setOpen(open?.id === id && open.panel === panel ? null : { id, panel });
  return (
    <Table caption="Data sources">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>URL</Th>
          <Th>Auth</Th>
          <Th>Timeout</Th>
          <Th>Default</Th>
          <Th>Actions</Th>
        </tr>
      </thead>
      <tbody>
        {items.map((d) => (
          <Fragment key={d.id}>
            <tr>
              <Td>{d.name}</Td>
              <Td>
                <code>{d.url}</code>
              </Td>
              <Td>
                {d.authType === "none" ? (
                  <span className="muted">none</span>
                ) : d.authType === "bearer" ? (
                  `bearer${d.hasBearerToken ? " (stored)" : " (missing)"}`
                ) : (
                  `basic ${d.basicUser ?? ""}${d.hasBasicPassword ? " (stored)" : ""}`
                )}
              </Td>
              <Td className="nowrap">{d.timeoutMs} ms</Td>
              <Td>{d.isDefault ? <Badge tone="info">default</Badge> : null}</Td>
              <Td className="nowrap">
                <Button size="sm" onClick={() => toggle(d.id, "edit")}>
                  Edit
                </Button>{" "}
                <Button size="sm" onClick={() => toggle(d.id, "test")}>
                  Test connection
                </Button>{" "}
                <ActionButton
                  method="PATCH"
                  path={`/api/v1/datasources/${d.id}`}
                  body={{ isDefault: !d.isDefault }}
                  label={d.isDefault ? "Unset default" : "Make default"}
                />{" "}
                <ConfirmAction
                  path={`/api/v1/datasources/${d.id}`}
                  label="Delete"
                  title={`Delete "${d.name}"?`}
                  confirmLabel="Delete data source"
                  size="sm"
                  body="Services using it fall back to the default source. Its stored credentials are deleted with it."
                />
              </Td>
            </tr>
            {open?.id === d.id ? (
              <tr>
                <Td colSpan={6}>
                  {open.panel === "edit" ? (
                    <DataSourceForm source={d} onDone={() => setOpen(null)} />
                  ) : (
                    <TestConnection row={d} />
                  )}
                </Td>
              </tr>
            ) : null}
          </Fragment>
        ))}
      </tbody>
    </Table>
  );
}
