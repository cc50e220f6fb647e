import { describe, expect, it } from "vitest";
import { reviewFieldLabel, reviewProblems } from "@/lib/validation/postmortem-review";

describe("review problems in the words of the postmortem form", () => {
  it("names sections by their titles, not their API keys", () => {
    expect(reviewFieldLabel("sections.rootCause")).toBe("Root cause");
    expect(reviewFieldLabel("sections.wentPoorly")).toBe("What went poorly");
    expect(reviewFieldLabel("actionItems")).toBe("Action items");
    expect(reviewFieldLabel("sections.nope")).toBe("sections.nope");
  });

  it("lists each problem once, leaving out those shown next to their input", () => {
    const fields = {
      "sections.summary": "write this section before review",
      reviewers: "name at least one reviewer",
      comment: "say what to change",
    };
    expect(reviewProblems(fields, ["comment"])).toEqual([
      "Summary: write this section before review",
      "Reviewers: name at least one reviewer",
    ]);
    expect(reviewProblems({})).toEqual([]);
  });
});
