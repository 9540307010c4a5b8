"use client";
// Front-channel logout started at the IdP: loads each SP's signed LogoutRequest in a hidden
// frame, one after another. An SP answers at our SLO endpoint, whose page in the frame posts
// "portcullis-logout-hop" to this window; an SP that does not answer within `timeoutMs` (or
// shows its own error page instead) is skipped. Then the browser goes to `doneUrl`, where the
// server names every SP that did not confirm.
import { useEffect, useState } from "react";

export type ChainHop = { index: number; appName: string; url: string };
type Labels = { pending: string; ok: string; failed: string };

export function LogoutChain({
  runId,
  hops,
  timeoutMs,
  doneUrl,
  labels,
}: {
  runId: string;
  hops: ChainHop[];
  timeoutMs: number;
  doneUrl: string;
  labels: Labels;
}) {
  const [current, setCurrent] = useState(0);
  const [results, setResults] = useState<Record<number, "ok" | "failed">>({});

  useEffect(() => {
    if (current >= hops.length) {
      window.location.assign(doneUrl);
      return;
    }
    const hop = hops[current]!;
    let settled = false;
    const settle = (result: "ok" | "failed") => {
      if (settled) return;
      settled = true;
      setResults((r) => ({ ...r, [hop.index]: result }));
      setCurrent((c) => c + 1);
    };
    const onMessage = (e: MessageEvent) => {
      const data = e.data as { type?: string; hop?: string } | null;
      if (e.origin !== window.location.origin || data?.type !== "portcullis-logout-hop") return;
      if (data.hop === `${runId}.${hop.index}`) settle("ok");
    };
    window.addEventListener("message", onMessage);
    const frame = document.createElement("iframe");
    frame.title = `Sign-out of ${hop.appName}`;
    frame.hidden = true;
    frame.setAttribute("aria-hidden", "true");
    frame.src = hop.url;
    document.body.appendChild(frame);
    const timer = window.setTimeout(() => settle("failed"), timeoutMs);
    return () => {
      window.removeEventListener("message", onMessage);
      window.clearTimeout(timer);
      frame.remove();
    };
  }, [current, hops, runId, timeoutMs, doneUrl]);

  return (
    <ul className="space-y-2" aria-live="polite" data-testid="logout-chain">
      {hops.map((h) => {
        const r = results[h.index];
        return (
          <li key={h.index} className="flex items-center justify-between gap-3 text-sm" data-testid="logout-hop">
            <span className="text-slate-900">{h.appName}</span>
            <span
              className={
                r === "ok" ? "text-emerald-800" : r === "failed" ? "font-medium text-red-700" : "text-slate-500"
              }
            >
              {r === "ok" ? labels.ok : r === "failed" ? labels.failed : labels.pending}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
