import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain .mjs module of the start script, without types
import { HEAP_DEFAULTS, nodeOptionsWithHeap } from "../../../scripts/lib/heap.mjs";

// The server's default V8 heap limits by role (issue 17, memory): applied by `npm start` and the image,
// replaced flag by flag by the operator's NODE_OPTIONS.
describe("nodeOptionsWithHeap", () => {
  it("adds the role's old-space and semi-space limits to empty options", () => {
    expect(nodeOptionsWithHeap("web", "")).toBe(
      `--max-old-space-size=${HEAP_DEFAULTS.web.oldSpaceMiB} --max-semi-space-size=${HEAP_DEFAULTS.web.semiSpaceMiB}`,
    );
    expect(nodeOptionsWithHeap("worker", undefined)).toContain(
      `--max-old-space-size=${HEAP_DEFAULTS.worker.oldSpaceMiB}`,
    );
    expect(nodeOptionsWithHeap("both", "")).toContain(`--max-old-space-size=${HEAP_DEFAULTS.both.oldSpaceMiB}`);
  });

  it("keeps the operator's options and lets each of their heap flags win (dashes or underscores)", () => {
    expect(nodeOptionsWithHeap("web", "--max-old-space-size=512 --enable-source-maps")).toBe(
      `--max-semi-space-size=${HEAP_DEFAULTS.web.semiSpaceMiB} --max-old-space-size=512 --enable-source-maps`,
    );
    expect(nodeOptionsWithHeap("web", "--max_semi_space_size=16")).toBe(
      `--max-old-space-size=${HEAP_DEFAULTS.web.oldSpaceMiB} --max_semi_space_size=16`,
    );
    expect(nodeOptionsWithHeap("web", "--max-old-space-size=300 --max-semi-space-size=8")).toBe(
      "--max-old-space-size=300 --max-semi-space-size=8",
    );
  });

  it("treats an unknown role as both (one process doing everything)", () => {
    expect(nodeOptionsWithHeap("", "")).toBe(nodeOptionsWithHeap("both", ""));
  });
});
