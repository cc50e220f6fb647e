"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { bannerText } from "@/components/ui/form-banner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { apiFetch, errorFields } from "@/lib/query/api";
import { parseMatchers, type IntegrationRoute } from "./integration-routes";
import { IntegrationSecret } from "./integration-secret";

export type ServiceOption = { slug: string; name: string };
type Row = { service: string; matchers: string };
type Created = { id: string; name: string; token: string };

const emptyRow = (): Row => ({ service: "", matchers: "" });

/** Creates an Alertmanager integration: name, default service and ordered routes; shows its token once. */
export function IntegrationForm({ services }: { services: ServiceOption[] }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [defaultService, setDefaultService] = useState("");
  const [rows, setRows] = useState<Row[]>([]);
  const [parseErrors, setParseErrors] = useState<Record<number, string>>({});
  const mutation = useMutation({
    mutationFn: (body: Record<string, unknown>) => apiFetch<Created>("/api/v1/integrations", { method: "POST", body }),
    onSuccess: () => {
      setName("");
      setDefaultService("");
      setRows([]);
      router.refresh();
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const errs: Record<number, string> = {};
    const routes: IntegrationRoute[] = [];
    rows.forEach((r, i) => {
      const parsed = parseMatchers(r.matchers);
      if (!parsed.ok) errs[i] = parsed.error;
      else routes.push({ service: r.service, matchers: parsed.matchers });
    });
    setParseErrors(errs);
    if (Object.keys(errs).length) return;
    mutation.mutate({ name, defaultService: defaultService || null, routes });
  }

  const options = services.map((s) => ({ value: s.slug, label: `${s.name} (${s.slug})` }));
  const errors = errorFields(mutation.error);
  const banner = bannerText(mutation.error);
  const matcherError = (i: number) =>
    parseErrors[i] ??
    (Object.entries(errors)
      .filter(([k]) => k.startsWith(`routes.${i}.matchers`))
      .map(([k, m]) => `${k.slice(`routes.${i}.`.length)}: ${m}`)
      .join("; ") ||
      undefined);
  const setRow = (i: number, r: Row) => setRows(rows.map((x, j) => (j === i ? r : x)));
  const removeRow = (i: number) => {
    setRows(rows.filter((_, j) => j !== i));
    setParseErrors({});
  };

  return (
    <div className="stack">
      {mutation.data ? <IntegrationSecret name={mutation.data.name} token={mutation.data.token} /> : null}
      <form className="form oc-form" onSubmit={onSubmit} noValidate aria-label="New integration">
        {banner ? <Alert tone="danger">{banner}</Alert> : null}
        <div className="form-grid">
          <Field
            label="Name"
            name="name"
            id="integration-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={errors.name}
            placeholder="Prod Alertmanager"
            autoComplete="off"
            required
          />
          <SelectField
            label="Default service"
            name="defaultService"
            id="integration-default"
            options={options}
            placeholder="None (unrouted page, nobody paged)"
            value={defaultService}
            onChange={(e) => setDefaultService(e.target.value)}
            error={errors.defaultService}
            hint="For alert groups no route matches."
          />
        </div>
        <fieldset className="fieldset">
          <legend>Routes (first match wins)</legend>
          {errors.routes ? <p className="field-error">{errors.routes}</p> : null}
          {rows.length === 0 ? (
            <p className="muted small">No routes: every alert group goes to the default service.</p>
          ) : null}
          {rows.map((r, i) => (
            <div key={i} className="form-grid">
              <Field
                label={`Route ${i + 1} matchers`}
                name={`route-${i}-matchers`}
                value={r.matchers}
                onChange={(e) => setRow(i, { ...r, matchers: e.target.value })}
                placeholder={'severity="page", team=~"db.*"'}
                error={matcherError(i)}
                hint="Label matchers of the alert group, as in Prometheus (=, !=, =~, !~); empty matches every group."
                autoComplete="off"
                spellCheck={false}
              />
              <SelectField
                label={`Route ${i + 1} service`}
                name={`route-${i}-service`}
                options={options}
                placeholder="Choose a service"
                value={r.service}
                onChange={(e) => setRow(i, { ...r, service: e.target.value })}
                error={errors[`routes.${i}.service`]}
              />
              <div>
                <Button size="sm" variant="danger" onClick={() => removeRow(i)}>
                  Remove route {i + 1}
                </Button>
              </div>
            </div>
          ))}
          <div>
            <Button size="sm" onClick={() => setRows([...rows, emptyRow()])}>
              Add a route
            </Button>
          </div>
        </fieldset>
        <div className="form-actions">
          <Button type="submit" variant="primary" pending={mutation.isPending}>
            Create integration
          </Button>
        </div>
      </form>
    </div>
  );
}
