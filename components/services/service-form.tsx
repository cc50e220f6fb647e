"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { bannerText, isVersionConflict, FormBanner } from "@/components/ui/form-banner";
import { FormActions } from "@/components/ui/form-actions";
import { Field, TextAreaField } from "@/components/ui/field";
import { SelectField, type Option } from "@/components/ui/select";
import { apiFetch, errorFields } from "@/lib/query/api";
import { formValues } from "@/lib/query/form-values";
import { queryKeys } from "@/lib/query/keys";
import { fieldErrors } from "@/lib/validation/common";
import { createServiceSchema, updateServiceSchema } from "@/lib/validation/catalog";
import type { ServiceSpec } from "@/lib/slo-as-code/model";

/** The service as the form edits it: its spec (`dataSource`: the data source's name, null = the default) and its version. */
export type ServiceFormValues = ServiceSpec & { version: number };

/** `dataSources`: the names an SLI of this service may be read from (Admin → Data sources). */
type Props = { teams: Option[]; dataSources: Option[]; initial?: ServiceFormValues; cancelHref: string };

/** The service's links: runbook, repository and dashboard URLs. */
const LINKS = [
  ["Runbook URL", "runbookUrl"],
  ["Repository URL", "repoUrl"],
  ["Dashboard URL", "dashboardUrl"],
] as const;
const FIELDS = ["slug", "name", "team", "tier", "description", "runbookUrl", "repoUrl", "dashboardUrl", "dataSource"];
const TIERS: Option[] = [
  { value: "1", label: "1 – critical, customer-facing" },
  { value: "2", label: "2 – important" },
  { value: "3", label: "3 – internal / non-critical" },
  { value: "4", label: "4 – best effort" },
];

/**
 * Create (no `initial`) or edit a service through the REST API. The shared zod schema checks the
 * input first; the server's per-field errors (e.g. slug already taken) appear next to each field.
 * Edits send `version` so a concurrent change is refused (409) instead of silently overwritten.
 */
export function ServiceForm({ teams, dataSources, initial, cancelHref }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const editing = initial !== undefined;
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const mutation = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      editing
        ? apiFetch<{ slug: string }>(`/api/v1/services/${initial.slug}`, {
            method: "PATCH",
            body: { ...body, version: initial.version },
          })
        : apiFetch<{ slug: string }>("/api/v1/services", { method: "POST", body }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.services.all });
      router.push(`/services/${saved.slug}`);
      router.refresh();
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const raw = formValues(e.currentTarget);
    const parsed = editing ? updateServiceSchema.safeParse(raw) : createServiceSchema.safeParse(raw);
    if (!parsed.success) {
      const errs = fieldErrors(parsed.error);
      if (!raw.team && errs.team) errs.team = "choose the owning team";
      return setClientErrors(errs);
    }
    setClientErrors(null);
    mutation.mutate(parsed.data);
  }

  const errors = clientErrors ?? errorFields(mutation.error);
  const conflict = isVersionConflict(mutation.error);
  const other = Object.entries(errors).filter(([k]) => !FIELDS.includes(k) && k !== "version");
  const banner = bannerText(mutation.error, clientErrors);
  const v = initial;

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-describedby={banner ? "form-error" : undefined}>
      {banner ? (
        <FormBanner id="form-error" conflict={conflict}>
          <p>{banner}</p>
          {other.length ? (
            <ul>
              {other.map(([k, m]) => (
                <li key={k}>
                  {k}: {m}
                </li>
              ))}
            </ul>
          ) : null}
        </FormBanner>
      ) : null}
      <div className="form-grid">
        {editing ? (
          <Field
            label="Slug"
            name="slug-readonly"
            id="slug"
            defaultValue={v?.slug}
            disabled
            hint="The slug is the service's permanent id."
          />
        ) : (
          <Field
            label="Slug"
            name="slug"
            required
            autoFocus
            placeholder="checkout-api"
            hint="Lower-case letters, digits and dashes; used in URLs."
            error={errors.slug}
            autoComplete="off"
            spellCheck={false}
          />
        )}
        <Field
          label="Name"
          name="name"
          required
          defaultValue={v?.name}
          placeholder="Checkout API"
          error={errors.name}
          autoComplete="off"
        />
        <SelectField
          label="Team"
          name="team"
          options={teams}
          required
          defaultValue={v?.team ?? (teams.length === 1 ? teams[0]?.value : "")}
          placeholder={teams.length === 1 ? undefined : "Choose a team"}
          error={errors.team}
          hint="The team that owns and operates it."
        />
        <SelectField label="Tier" name="tier" options={TIERS} defaultValue={String(v?.tier ?? 3)} error={errors.tier} />
        <SelectField
          label="Data source"
          name="dataSource"
          options={[{ value: "", label: "Default data source" }, ...dataSources]}
          defaultValue={v?.dataSource ?? ""}
          error={errors.dataSource}
          hint={
            dataSources.length
              ? "The Prometheus this service's SLIs are read from."
              : "Only the default (PROMETHEUS_URL or the admin's default) exists yet; admins add more under Admin → Data sources."
          }
        />
      </div>
      <TextAreaField
        label="Description"
        name="description"
        defaultValue={v?.description}
        error={errors.description}
        placeholder="What it does and who depends on it."
      />
      {LINKS.map(([label, name]) => (
        <Field
          key={name}
          label={label}
          name={name}
          type="url"
          defaultValue={v?.[name] ?? ""}
          placeholder="https://"
          error={errors[name]}
        />
      ))}
      <FormActions
        submitLabel={editing ? "Save changes" : "Create service"}
        pending={mutation.isPending}
        cancelHref={cancelHref}
      />
    </form>
  );
}
