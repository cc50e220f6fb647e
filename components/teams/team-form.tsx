"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { bannerText } from "@/components/ui/form-banner";
import { FormActions } from "@/components/ui/form-actions";
import { Field, TextAreaField } from "@/components/ui/field";
import { apiFetch, errorFields } from "@/lib/query/api";
import { formValues } from "@/lib/query/form-values";
import { queryKeys } from "@/lib/query/keys";
import { createTeamSchema } from "@/lib/validation/catalog";
import { fieldErrors } from "@/lib/validation/common";

/** Admin: create a team through POST /api/v1/teams. The time zone is used for on-call handovers. */
export function TeamForm({ defaultTimezone }: { defaultTimezone: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const mutation = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiFetch<{ slug: string }>("/api/v1/teams", { method: "POST", body }),
    onSuccess: async (team) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.teams.all });
      router.push(`/teams/${team.slug}`);
      router.refresh();
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = createTeamSchema.safeParse(formValues(e.currentTarget));
    if (!parsed.success) return setClientErrors(fieldErrors(parsed.error));
    setClientErrors(null);
    mutation.mutate(parsed.data);
  }

  const errors = clientErrors ?? errorFields(mutation.error);
  const banner = bannerText(mutation.error, clientErrors);

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      {banner ? <Alert tone="danger">{banner}</Alert> : null}
      <div className="form-grid">
        <Field
          label="Slug"
          name="slug"
          required
          autoFocus
          placeholder="payments"
          hint="Lower-case letters, digits and dashes."
          error={errors.slug}
          autoComplete="off"
          spellCheck={false}
        />
        <Field label="Name" name="name" required placeholder="Payments" error={errors.name} autoComplete="off" />
      </div>
      <Field
        label="Time zone"
        name="timezone"
        defaultValue={defaultTimezone}
        hint="IANA name, e.g. Europe/Berlin. Used for on-call handovers."
        error={errors.timezone}
        autoComplete="off"
        spellCheck={false}
      />
      <TextAreaField
        label="Description"
        name="description"
        error={errors.description}
        placeholder="What the team owns."
      />
      <FormActions submitLabel="Create team" pending={mutation.isPending} cancelHref="/teams" />
    </form>
  );
}
