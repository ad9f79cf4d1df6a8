import { describe, expect, it } from "vitest";
import { ConfigError, publicUrlWarning, readEnv } from "../app/_server/env";

describe("the account and deployment settings", () => {
  it("are validated with one readable line", () => {
    expect(() => readEnv({ ML_DOJO_SIGNUP: "maybe" })).toThrow(ConfigError);
    expect(() => readEnv({ ML_DOJO_SIGNUP: "maybe" })).toThrow(/ML_DOJO_SIGNUP must be open, invite or closed/);
    expect(() => readEnv({ ML_DOJO_TRUSTED_PROXIES: "proxy.local" })).toThrow(/ML_DOJO_TRUSTED_PROXIES must be a hop count/);
    expect(() => readEnv({ ML_DOJO_SMTP_URL: "mail.example.org" })).toThrow(/ML_DOJO_SMTP_URL must be an smtp/);
    expect(readEnv({ ML_DOJO_SIGNUP: "invite", ML_DOJO_TRUSTED_PROXIES: "10.0.0.0/8, ::1", ML_DOJO_SMTP_URL: "smtp://u:p@mail:587" })).toMatchObject({ ML_DOJO_SIGNUP: "invite" });
  });

  it("npm start warns when NEXTAUTH_URL is unset and the server is reachable beyond this machine", () => {
    expect(publicUrlWarning(undefined, undefined, 3000)).toMatch(/NEXTAUTH_URL is unset and the server listens on all interfaces/);
    expect(publicUrlWarning(undefined, "0.0.0.0", 3000)).toMatch(/listens on 0\.0\.0\.0/);
    expect(publicUrlWarning(undefined, "192.168.1.20", 3000)).toMatch(/Set NEXTAUTH_URL/);
    expect(publicUrlWarning(undefined, "127.0.0.1", 3000)).toBeUndefined();
    expect(publicUrlWarning(undefined, "localhost", 3000)).toBeUndefined();
    expect(publicUrlWarning("http://dojo.example:3000", undefined, 3000)).toBeUndefined();
  });
});
