"use client";
import { Field, TextAreaField } from "@/components/ui/field";
import { SelectField, type Option } from "@/components/ui/select";
import type { StepProps } from "./wizard-fields";

/** A service the SLO may belong to, with the data source its SLIs are read from (null = the default). */
export type WizardService = Option & { dataSource?: string | null };

/** Step 1: service, name (both fixed once saved) and description. */
export function ServiceStep({
  s,
  update,
  errors,
  services,
  editing,
}: StepProps & { services: WizardService[]; editing: boolean }) {
  return (
    <fieldset className="fieldset wizard-step">
      <legend>1. Service and name</legend>
      <div className="form-grid">
        <SelectField
          label="Service"
          name="service"
          id="service"
          options={services}
          value={s.service}
          onChange={(e) => update("service", e.target.value)}
          placeholder={editing ? undefined : "Choose a service"}
          disabled={editing}
          error={errors.service}
        />
        <Field
          label="Name"
          name="name"
          id="name"
          value={s.name}
          onChange={(e) => update("name", e.target.value)}
          disabled={editing}
          placeholder="search-availability"
          hint={editing ? "The name is permanent." : "Lower-case letters, digits and dashes."}
          error={errors.name}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      {s.service ? <ServiceSource service={services.find((x) => x.value === s.service)} /> : null}
      <TextAreaField
        label="Description"
        name="description"
        id="description"
        value={s.description}
        onChange={(e) => update("description", e.target.value)}
        rows={2}
        error={errors.description}
        placeholder="What users experience when this SLO is met."
      />
    </fieldset>
  );
}

/** Which Prometheus the preview and the SLO read from: the service's setting, changed on the service. */
function ServiceSource({ service }: { service: WizardService | undefined }) {
  if (!service) return null;
  return (
    <p className="muted small" id="service-source">
      SLIs of this service are read from{" "}
      {service.dataSource ? (
        <>
          the data source <strong>{service.dataSource}</strong>
        </>
      ) : (
        "the default data source"
      )}{" "}
      · <a href={`/services/${service.value}/edit`}>change it on the service</a>
    </p>
  );
}
