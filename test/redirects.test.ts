import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "../app/_server/redirects";

describe("callbackUrl after sign-in stays on the site", () => {
  it.each([
    "//evil.example/x",
    "/\\evil.example/x",
    "\\\\evil.example",
    "/\\/evil.example",
    "/%5Cevil.example".replace("%5C", "\\"), // what searchParams hands over after decoding %5C
    "/\t/evil.example",
    "/%09/evil.example".replace("%09", "\t"),
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\u0000//evil.example",
    " //evil.example",
    "/.//evil.example",
    "/..//evil.example",
    "https://evil.example/",
    "http:evil.example",
    "https:/evil.example",
    "javascript:alert(1)",
    "data:text/html,x",
    "//user:pass@evil.example",
    "http://ml-dojo.invalid@evil.example/",
    "evil.example",
    "",
  ])("refuses %j", (hostile) => {
    const result = safeCallbackPath(hostile);
    expect(result).toBe("/");
    // And whatever it returns resolves to this site from any address.
    expect(new URL(result, "http://10.0.0.5:3000").origin).toBe("http://10.0.0.5:3000");
  });

  it.each([
    ["/", "/"],
    ["/exercises/softmax", "/exercises/softmax"],
    ["/topics/t?tab=quiz#q2", "/topics/t?tab=quiz#q2"],
    ["/instructor/cohorts/c1/gradebook", "/instructor/cohorts/c1/gradebook"],
    ["/%5Cescaped-stays-a-path", "/%5Cescaped-stays-a-path"],
  ])("keeps the on-site path %j", (good, expected) => {
    expect(safeCallbackPath(good)).toBe(expected);
  });

  it("takes the first of repeated parameters", () => {
    expect(safeCallbackPath(["/catalog", "//evil.example"])).toBe("/catalog");
    expect(safeCallbackPath(undefined)).toBe("/");
  });
});
