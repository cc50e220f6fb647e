"use client";
import { CopyButton } from "@/components/tokens/copy-button";
import { Alert } from "@/components/ui/alert";

export const WEBHOOK_PATH = "/api/v1/integrations/alertmanager";

/** The Alertmanager receiver to paste: webhook to our intake with the integration's bearer token. */
export const alertmanagerSnippet = (origin: string, token: string) => `receivers:
  - name: srecp
    webhook_configs:
      - url: ${origin}${WEBHOOK_PATH}
        send_resolved: true
        http_config:
          authorization:
            type: Bearer
            credentials: ${token}
`;

/** A freshly issued integration token, shown once, with the Alertmanager configuration that uses it. */
export function IntegrationSecret({
  name,
  token,
  rotated = false,
}: {
  name: string;
  token: string;
  rotated?: boolean;
}) {
  const snippet = alertmanagerSnippet(typeof window === "undefined" ? "" : window.location.origin, token);
  return (
    <Alert tone="success" title={rotated ? `New token for "${name}"` : `Integration "${name}" created`}>
      <p>
        Copy the token now: it is shown only once and cannot be recovered.
        {rotated ? " The previous token no longer works." : ""}
      </p>
      <div className="secret-box">
        <code aria-label="Integration token" data-testid="integration-token">
          {token}
        </code>
        <CopyButton text={token} />
      </div>
      <p className="small">Add this receiver to alertmanager.yml and route alerts to it:</p>
      <div className="secret-box">
        <pre
          aria-label="Alertmanager configuration"
          style={{ margin: 0, flex: 1, whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}
        >
          {snippet}
        </pre>
        <CopyButton text={snippet} />
      </div>
    </Alert>
  );
}
