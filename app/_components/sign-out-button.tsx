"use client";

import { signOut } from "next-auth/react";

/**
 * next-auth would send the browser to its configured URL (NEXTAUTH_URL, localhost by default) after signing out;
 * a student on the LAN address would land on an unreachable page. So it signs out without its redirect, and the
 * page goes to "/" relative to the address it is on.
 */
export function SignOutButton({ label }: { label: string }) {
  async function onClick() {
    await signOut({ redirect: false });
    window.location.assign("/");
  }
  return (
    <button type="button" className="secondary" onClick={() => void onClick()}>
      {label}
    </button>
  );
}
