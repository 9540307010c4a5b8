// Test SSO helpers for the console route.
import { findApplicationById } from "../../db/applications";

/** The application's key (for its SAML endpoints), or null when it does not exist. */
export async function findApplicationKey(id: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
  return (await findApplicationById(id))?.key ?? null;
}
