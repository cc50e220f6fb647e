import type { Metadata } from "next";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { openApiDocument } from "@/lib/openapi";
import { pageActor } from "../_lib/page-actor";
import { SchemaView, typeLabel } from "./schema-view";

export const metadata: Metadata = { title: "API reference" };

type Param = { name: string; in: string; required?: boolean; description?: string; schema?: Record<string, unknown> };
type Response = { description: string; content?: Record<string, { schema?: Record<string, unknown> }> };
type Op = {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  parameters?: Param[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, Response>;
  security: unknown[];
};

const METHOD_TONE: Record<string, BadgeTone> = {
  get: "info",
  post: "success",
  put: "warning",
  patch: "warning",
  delete: "danger",
};
const anchor = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");
/** `code` spans of the document's descriptions as <code>. */
const inline = (text: string) =>
  text
    .split(/(`[^`]+`)/)
    .map((part, i) => (part.startsWith("`") && part.endsWith("`") ? <code key={i}>{part.slice(1, -1)}</code> : part));

/** Browsable reference of GET /api/v1/openapi.json: endpoints grouped by tag, with parameters and schemas. */
export default async function ApiDocsPage() {
  await pageActor();
  const doc = openApiDocument();
  const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Op>).map(([method, op]) => ({ path, method, op })),
  );
  return (
    <div className="api-docs">
      <PageHeader
        title="API reference"
        description={`${ops.length} operations. Send "Authorization: Bearer <token>" (Settings → API tokens). Errors come as {"error":{code,message,fields?}}; 422 names each bad field.`}
        actions={<LinkButton href="/api/v1/openapi.json">OpenAPI 3.1 JSON</LinkButton>}
      />
      <nav aria-label="API sections" className="api-docs-toc">
        <ul>
          {doc.tags.map((t) => (
            <li key={t.name}>
              <a href={`#${anchor(t.name)}`}>{t.name}</a>{" "}
              <span className="muted small">({ops.filter((o) => o.op.tags.includes(t.name)).length})</span>
            </li>
          ))}
        </ul>
      </nav>
      <div className="stack">
        {doc.tags.map((t) => (
          <Card key={t.name} title={t.name} id={anchor(t.name)}>
            <p className="muted">{inline(t.description)}</p>
            {ops
              .filter((o) => o.op.tags.includes(t.name))
              .map(({ path, method, op }) => (
                <details key={`${method} ${path}`} className="api-op" id={op.operationId}>
                  <summary>
                    <Badge tone={METHOD_TONE[method] ?? "neutral"}>{method.toUpperCase()}</Badge>{" "}
                    <code className="api-path">{path}</code> <span className="api-summary">{op.summary}</span>
                  </summary>
                  <div className="api-op-body">
                    {op.description
                      ? op.description.split("\n\n").map((para, i) => (
                          <p key={i} className="api-description">
                            {inline(para)}
                          </p>
                        ))
                      : null}
                    <p className="small muted">
                      {op.security.length ? "Requires a session or an API token." : "No session or API token."}{" "}
                      Operation id: <code>{op.operationId}</code>
                    </p>
                    {op.parameters?.length ? (
                      <Table caption={`Parameters of ${method.toUpperCase()} ${path}`}>
                        <thead>
                          <tr>
                            <Th>Parameter</Th>
                            <Th>In</Th>
                            <Th>Type</Th>
                            <Th>Description</Th>
                          </tr>
                        </thead>
                        <tbody>
                          {op.parameters.map((p) => (
                            <tr key={`${p.in}:${p.name}`}>
                              <Td>
                                <code>{p.name}</code>
                                {p.required ? (
                                  <span className="schema-required" title="required">
                                    {" "}
                                    *
                                  </span>
                                ) : null}
                              </Td>
                              <Td>{p.in}</Td>
                              <Td>{typeLabel(p.schema ?? {})}</Td>
                              <Td>
                                {p.description ?? ""}
                                {p.schema?.default !== undefined ? (
                                  <span className="muted">
                                    {" "}
                                    default <code>{JSON.stringify(p.schema.default)}</code>
                                  </span>
                                ) : null}
                              </Td>
                            </tr>
                          ))}
                        </tbody>
                      </Table>
                    ) : null}
                    {op.requestBody ? (
                      <section>
                        <h3 className="api-h3">
                          Request body {op.requestBody.required ? "" : <span className="muted small">(optional)</span>}
                        </h3>
                        <SchemaView schema={op.requestBody.content["application/json"]?.schema} />
                      </section>
                    ) : null}
                    <section>
                      <h3 className="api-h3">Responses</h3>
                      <ul className="api-responses">
                        {Object.entries(op.responses).map(([status, r]) => {
                          const [type, media] = Object.entries(r.content ?? {})[0] ?? [];
                          const isError = Number(status) >= 400;
                          return (
                            <li key={status}>
                              <Badge tone={isError ? "neutral" : "success"}>{status}</Badge> {r.description}
                              {type && type !== "application/json" ? (
                                <span className="muted small"> ({type})</span>
                              ) : null}
                              {isError ? (
                                <span className="muted small"> — error envelope</span>
                              ) : media?.schema && Object.keys(media.schema).length > 1 ? (
                                <SchemaView schema={media.schema} />
                              ) : null}
                            </li>
                          );
                        })}
                      </ul>
                    </section>
                  </div>
                </details>
              ))}
          </Card>
        ))}
      </div>
    </div>
  );
}
