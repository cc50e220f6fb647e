import type { Option } from "@/components/ui/select";

/** Data sources as select options, by name (the API's `dataSource` field takes the name). */
export const dataSourceOptions = (items: { name: string; url: string; isDefault: boolean }[]): Option[] =>
  items.map((d) => ({ value: d.name, label: `${d.name}${d.isDefault ? " (default)" : ""}` }));
