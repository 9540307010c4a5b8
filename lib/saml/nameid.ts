// NameID formats as SAML core 8.3 means them, and the negotiation with an AuthnRequest's
// NameIDPolicy (SAML core 3.4.1.1): the application answers with its default format unless
// the request names another format the application accepts; a format it does not accept is
// refused with InvalidNameIDPolicy. Values are chosen by the caller (transient: fresh and
// opaque per SP session; persistent: a stored pairwise identifier; emailAddress and
// unspecified: the configured user property).
import { randomBytes } from "node:crypto";
import { NAMEID_FORMAT } from "./constants";
import { randomIdBytes } from "../crypto/random";

/** Short names for the formats, as administrators read them. */
export const NAMEID_FORMAT_LABEL: Record<string, string> = {
  [NAMEID_FORMAT.unspecified]: "unspecified",
  [NAMEID_FORMAT.emailAddress]: "emailAddress",
  [NAMEID_FORMAT.transient]: "transient",
  [NAMEID_FORMAT.persistent]: "persistent",
};

export const nameIdFormatLabel = (format: string) => NAMEID_FORMAT_LABEL[format] ?? format;

/** The formats an application answers with: its default first, then the others it accepts on request. */
export function acceptedNameIdFormats(defaultFormat: string, others: readonly string[] = []): string[] {
  const out = [defaultFormat];
  for (const f of others) if (f && !out.includes(f)) out.push(f);
  return out;
}

export type NameIdNegotiation = { ok: true; format: string } | { ok: false; requested: string; accepted: string[] };

/**
 * The format of the NameID to send: the requested one when the application accepts it, the
 * default when the request names none or unspecified ("any format"), else a refusal.
 */
export function negotiateNameIdFormat(requested: string | undefined, accepted: readonly string[]): NameIdNegotiation {
  const [defaultFormat] = accepted;
  if (!defaultFormat) throw new Error("an application answers with at least one NameID format");
  if (!requested || requested === NAMEID_FORMAT.unspecified) return { ok: true, format: defaultFormat };
  if (accepted.includes(requested)) return { ok: true, format: requested };
  return { ok: false, requested, accepted: [...accepted] };
}

/** The administrator's explanation of a refused NameIDPolicy. */
export function describeNameIdRefusal(requested: string, accepted: readonly string[]): string {
  const answers = accepted.map(nameIdFormatLabel).join(", ");
  return (
    `The SP asked for NameID format ${nameIdFormatLabel(requested)}; this application answers ${answers}. ` +
    `Change it under SAML Response (NameID format, or accept ${nameIdFormatLabel(requested)} on request).`
  );
}

/** A fresh transient identifier: 160 random bits, never reused, revealing nothing about the user. */
export const newTransientNameId = () => `_${randomIdBytes(20).toString("hex")}`;

/** A new persistent pairwise identifier (stored by the caller, then reused for the same user and SP). */
export const newPersistentNameId = () => randomBytes(24).toString("base64url");
