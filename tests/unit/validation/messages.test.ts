import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrors, slugSchema } from "@/lib/validation/common";

// Issue 11 item 15: a person reads these under a field. zod's defaults ("Too big: expected string to
// have <=63 characters", "Invalid input: expected number, received string") never reach them.
const messages = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error("expected a validation error");
  return fieldErrors(r.error);
};

describe("field messages", () => {
  const form = z.object({
    name: z.string().max(63),
    title: z.string().min(1),
    count: z.number().int().min(0).max(10),
    ratio: z.number().gt(0).lt(1),
    tags: z.array(z.string()).min(1).max(2),
    email: z.email(),
    link: z.url(),
    at: z.iso.datetime(),
    kind: z.enum(["ratio", "latency"]),
    flag: z.boolean(),
  });

  it("phrases every default so it reads after the field's label", () => {
    expect(
      messages(form, {
        name: "x".repeat(64),
        title: "",
        count: 11,
        ratio: 1,
        tags: [],
        email: "nope",
        link: "nope",
        at: "yesterday",
        kind: "other",
        flag: "yes",
      }),
    ).toEqual({
      name: "must be at most 63 characters",
      title: "is required",
      count: "must be at most 10",
      ratio: "must be less than 1",
      tags: "must have at least one item",
      email: "must be an e-mail address",
      link: "must be a URL",
      at: "must be a date and time such as 2026-12-02T10:00:00Z",
      kind: 'must be one of "ratio", "latency"',
      flag: "must be true or false",
    });
  });

  it("says 'is required' for a missing field and names the expected type otherwise", () => {
    const m = messages(form, { count: "3" });
    expect(m.name).toBe("is required");
    expect(m.count).toBe("must be a number");
    expect(messages(z.object({ n: z.number().int() }), { n: 1.5 }).n).toBe("must be a whole number");
    expect(messages(z.strictObject({ a: z.string() }), { a: "x", b: 1 }).body).toBe('has unknown field "b"');
  });

  it("keeps a schema's own message", () => {
    expect(messages(z.object({ slug: slugSchema }), { slug: "A B" }).slug).toBe(
      "use lower-case letters, digits and dashes (not at the ends)",
    );
  });

  it("never shows zod's default wording", () => {
    const all = Object.values(
      messages(form, {
        name: 1,
        title: 2,
        count: "x",
        ratio: null,
        tags: "a",
        email: 3,
        link: 4,
        at: 5,
        kind: 6,
        flag: 7,
      }),
    );
    for (const m of all) expect(m).not.toMatch(/Invalid input|Too big|Too small|expected \w+, received/);
  });
});
