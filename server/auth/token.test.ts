import { describe, expect, it } from "vitest";
import { TokenSigner } from "./token.ts";

const claims = { userId: "u1", sessionId: "s1", exp: 2000 };

describe("TokenSigner", () => {
  it("accepts its own token until it expires", () => {
    let now = 1_999_000;
    const signer = new TokenSigner("secret-secret-secret", () => now);
    const token = signer.sign(claims);
    expect(signer.verify(token)).toEqual({ ok: true, claims });
    now = 2_000_000;
    expect(signer.verify(token)).toEqual({ ok: false, reason: "expired" });
  });

  it("rejects a token signed with another secret or altered", () => {
    const signer = new TokenSigner("secret-secret-secret", () => 0);
    const other = new TokenSigner("another-secret-here", () => 0).sign(claims);
    expect(signer.verify(other)).toEqual({ ok: false, reason: "bad_signature" });
    const [prefix, , mac] = signer.sign(claims).split(".");
    const forged = `${prefix}.${Buffer.from(JSON.stringify({ u: "admin", s: "s1", e: 2000 })).toString("base64url")}.${mac}`;
    expect(signer.verify(forged)).toEqual({ ok: false, reason: "bad_signature" });
    expect(signer.verify("nonsense")).toEqual({ ok: false, reason: "malformed" });
  });
});
