import type { ReactNode } from "react";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default function SsoLayout({ children }: { children: ReactNode }) {
  return <div className="min-h-screen bg-slate-100">{children}</div>;
}
