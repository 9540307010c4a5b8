// Sending a server action straight to the server, as a hand-crafted request would: the
// request a form sends is captured once (its Next-Action id and multipart body), then
// replayed with changed values and another administrator's session cookie.
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

export type CapturedAction = { url: string; headers: Record<string, string>; body: string };

/** Clicks `submit` and returns the server action request it sent. */
export async function captureAction(page: Page, submit: Locator): Promise<CapturedAction> {
  const requestPromise = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  const responsePromise = page.waitForResponse(
    (r) => r.request().method() === "POST" && !!r.request().headers()["next-action"],
  );
  await submit.click();
  const request = await requestPromise;
  await responsePromise;
  await expect(page.getByRole("button", { name: /…$/ })).toHaveCount(0);
  const all = await request.allHeaders();
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(all)) {
    // The replaying context supplies its own cookie; the length follows the new body.
    if (!["cookie", "content-length", "host", "connection"].includes(k.toLowerCase()) && !k.startsWith(":"))
      headers[k] = v;
  }
  const body = request.postData();
  expect(body, "the server action sent a body").toBeTruthy();
  expect(headers["next-action"], "the request names its server action").toMatch(/^[0-9a-f]{16,}$/);
  return { url: request.url(), headers, body: body! };
}

/** Replaces each `from` value in the captured multipart body (each must occur in it). */
export function withValues(action: CapturedAction, replacements: Record<string, string>): CapturedAction {
  let body = action.body;
  for (const [from, to] of Object.entries(replacements)) {
    expect(body, `the captured body contains "${from}"`).toContain(from);
    body = body.split(from).join(to);
  }
  return { ...action, body };
}

/** Sends the action with the cookies of `request`'s context; returns status and RSC text. */
export async function replayAction(
  request: APIRequestContext,
  action: CapturedAction,
): Promise<{ status: number; text: string }> {
  const res = await request.post(action.url, {
    headers: action.headers,
    data: Buffer.from(action.body, "utf8"),
    maxRedirects: 0,
  });
  return { status: res.status(), text: await res.text() };
}
