import { Button, LinkButton } from "@/components/ui/button";
import type { Option } from "@/components/ui/select";

type Filter = {
  name: string;
  label: string;
  options?: Option[];
  value?: string;
  placeholder?: string;
  type?: "select" | "search" | "checkbox";
};

/** Plain GET form: filters live in the URL, so results are shareable and work without JavaScript. */
export function FilterBar({ action, label, filters }: { action: string; label: string; filters: Filter[] }) {
  const active = filters.some((f) => f.value);
  return (
    <form className="filter-bar" method="get" action={action} role="search" aria-label={label}>
      {filters.map((f) => {
        const id = `filter-${f.name}`;
        if (f.type === "checkbox") {
          return (
            <label key={f.name} className="inc-check filter-check" htmlFor={id}>
              <input id={id} type="checkbox" name={f.name} value="true" defaultChecked={f.value === "true"} /> {f.label}
            </label>
          );
        }
        return (
          <div key={f.name} className={f.type === "search" ? "field grow" : "field"}>
            <label htmlFor={id}>{f.label}</label>
            {f.type === "search" ? (
              <input id={id} name={f.name} type="search" defaultValue={f.value} placeholder={f.placeholder} />
            ) : (
              <select id={id} name={f.name} defaultValue={f.value ?? ""}>
                <option value="">{f.placeholder ?? "All"}</option>
                {(f.options ?? []).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            )}
          </div>
        );
      })}
      <Button type="submit">Apply</Button>
      {active ? (
        <LinkButton href={action} variant="ghost">
          Reset
        </LinkButton>
      ) : null}
    </form>
  );
}
