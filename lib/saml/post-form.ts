// The HTTP-POST binding's auto-submitting page. No inline script, so a strict CSP holds: the
// page loads an external script (serve AUTO_SUBMIT_SCRIPT at `scriptSrc`) that submits the
// form; without JavaScript the <noscript> button does it. Every value is HTML-escaped.
import type { PostMessage } from "./binding";

/** Body of the script served at the `scriptSrc` given to renderPostForm. */
export const AUTO_SUBMIT_SCRIPT = 'document.getElementById("saml-post").submit();\n';

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** Escapes text for an HTML attribute value. */
const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** A complete HTML page that posts `message` to its URL. */
export function renderPostForm(message: PostMessage, scriptSrc: string): string {
  const inputs = Object.entries(message.fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Continue</title>` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"></head><body>` +
    `<form id="saml-post" method="post" action="${escapeHtml(message.url)}">${inputs}` +
    `<noscript><p>JavaScript is turned off. Press Continue to go on.</p><button type="submit">Continue</button></noscript>` +
    `</form><script src="${escapeHtml(scriptSrc)}"></script></body></html>`
  );
}
