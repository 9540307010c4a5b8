// bench:http's load clients (scripts/bench-http.mts): the cookie jar, one complete round trip,
// and a worker thread that runs the round-trip loops of its share of the clients. The clients
// are spread over one thread per core because validating each Response with node-saml costs
// more CPU than the server's answer: on one thread the load generator, not the server, set the
// pace (and its own queueing was counted in the latencies).
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import type { SAML } from "@node-saml/node-saml";
import { benchSp } from "./bench-server.mts";

export type Jar = Map<string, string>;
export const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

export function keepCookies(jar: Jar, r: Response) {
  for (const c of r.headers.getSetCookie()) {
    const [pair, ...attrs] = c.split(";");
    const i = pair!.indexOf("=");
    const name = pair!.slice(0, i).trim();
    const value = pair!.slice(i + 1).trim();
    const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "";
    if (expired) jar.delete(name);
    else jar.set(name, value);
  }
}

/** One complete round trip; returns its duration (ms, the HTTP part) after validating the Response. */
export async function roundTrip(sp: SAML, jar: Jar): Promise<number> {
  let url = await sp.getAuthorizeUrlAsync("", undefined, {});
  const t0 = performance.now();
  let html: string | null = null;
  for (let hop = 0; hop < 6; hop++) {
    const r = await fetch(url, { redirect: "manual", headers: { cookie: cookieHeader(jar) } });
    keepCookies(jar, r);
    if (r.status >= 300 && r.status < 400) {
      await r.arrayBuffer();
      url = new URL(r.headers.get("location")!, url).toString();
      continue;
    }
    html = await r.text();
    if (r.status !== 200) throw new Error(`${new URL(url).pathname} answered ${r.status}`);
    break;
  }
  const ms = performance.now() - t0;
  const samlResponse = html && /name="SAMLResponse" value="([^"]+)"/.exec(html)?.[1];
  if (!samlResponse) throw new Error("the round trip ended without an auto-post form");
  await sp.validatePostResponseAsync({ SAMLResponse: samlResponse });
  return ms;
}

/** What a client thread is given: the SP (benchSp's arguments) and its clients' cookies. */
export type ClientThreadData = {
  sp: { base: string; appKey: string; idpCert: string; entryPoint?: string };
  jars: [string, string][][];
};
/** What it answers to "stop": the measured round trips' durations and the failures. */
export type ClientThreadResult = { times: number[]; errors: number; firstError: string | null };

if (!isMainThread && parentPort) {
  const port = parentPort;
  const data = workerData as ClientThreadData;
  let phase: "warmup" | "measure" | "stop" = "warmup";
  const times: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const loops = data.jars.map(async (entries) => {
    const jar: Jar = new Map(entries);
    const sp = benchSp(data.sp.base, data.sp.appKey, data.sp.idpCert, data.sp.entryPoint);
    while (phase !== "stop") {
      try {
        const ms = await roundTrip(sp, jar);
        if (phase === "measure") times.push(ms);
      } catch (e) {
        errors++;
        firstError ??= String(e);
      }
    }
  });
  port.on("message", (m: "measure" | "stop") => {
    if (m === "measure") phase = "measure";
    if (m === "stop") {
      phase = "stop";
      void Promise.all(loops).then(() => {
        port.postMessage({ times, errors, firstError } satisfies ClientThreadResult);
        port.close();
      });
    }
  });
}
