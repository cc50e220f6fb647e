"use client";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import { Table, Td, Th } from "@/components/ui/table";
import { ConfirmAction } from "./confirm-action";
import { RoutesSummary, type IntegrationRoute } from "./integration-routes";
import { IntegrationSecret } from "./integration-secret";

export type IntegrationRow = {
  id: string;
  name: string;
  prefix: string;
  routes: IntegrationRoute[];
  defaultService: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
};
type Revealed = { name: string; token: string };

function RotateButton({ row, onToken }: { row: IntegrationRow; onToken: (r: Revealed) => void }) {
  return (
    <ConfirmAction<Revealed>
      method="POST"
      path={`/api/v1/integrations/${row.id}/token`}
      onDone={(data) => onToken({ name: data.name, token: data.token })}
      label="Rotate token"
      title={`Rotate the token of "${row.name}"?`}
      confirmLabel="Rotate token"
      variant="secondary"
      size="sm"
      body="A new token is issued and shown once; the current token stops working at once, so Alertmanager is refused until you paste the new one."
    />
  );
}

/** Integrations with their routing, and token rotation / revocation behind confirmations. */
export function IntegrationTable({ items }: { items: IntegrationRow[] }) {
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  return (
    <div className="stack">
      {revealed ? <IntegrationSecret name={revealed.name} token={revealed.token} rotated /> : null}
      <Table caption="Alertmanager integrations">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Token</Th>
            <Th>Routes</Th>
            <Th>Default service</Th>
            <Th>Last used</Th>
            <Th>Status</Th>
            <Th>Actions</Th>
          </tr>
        </thead>
        <tbody>
          {items.map((it) => (
            <tr key={it.id}>
              <Td>{it.name}</Td>
              <Td className="nowrap">
                <code>{it.prefix}…</code>
              </Td>
              <Td>
                <RoutesSummary routes={it.routes} />
              </Td>
              <Td>{it.defaultService ?? <span className="muted">none (unrouted)</span>}</Td>
              <Td className="nowrap">
                {it.lastUsedAt ? <LocalTime iso={it.lastUsedAt} /> : <span className="muted">never</span>}
              </Td>
              <Td>{it.revokedAt ? <Badge tone="danger">revoked</Badge> : <Badge tone="success">active</Badge>}</Td>
              <Td className="nowrap">
                {it.revokedAt ? null : (
                  <>
                    <RotateButton row={it} onToken={setRevealed} />{" "}
                    <ConfirmAction
                      path={`/api/v1/integrations/${it.id}`}
                      label="Revoke"
                      title={`Revoke "${it.name}"?`}
                      confirmLabel="Revoke integration"
                      size="sm"
                      body="Its token is refused from now on and Alertmanager can no longer open pages through it. Pages it opened stay. This cannot be undone."
                    />
                  </>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
