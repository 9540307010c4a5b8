// What TOTP enrollment shows a user: a fresh secret, the otpauth:// URI (issuer = tenant
// name, label = username), its QR code as a data: URL, and the secret as text in groups of
// four. The code check itself is checkTotp (./totp) with lastStep null; once it passes, the
// caller seals the secret with userTotpSealContext(userId) and stores the accepted step as
// Authenticator.lastUsedStep, so the enrollment code cannot be replayed at sign-in.
import QRCode from "qrcode";
import { newTotpSecret, totpUri } from "./totp";

export type TotpEnrollment = { secret: string; secretText: string; otpauthUri: string; qrDataUrl: string };

/** The sealing context of a user's TOTP secret (binds the sealed value to its user). */
export const userTotpSealContext = (userId: string) => `user-totp:${userId}`;

/** The secret for typing by hand: groups of four characters ("GEZD GNBV ..."). */
export function formatTotpSecret(secret: string): string {
  return (
    secret
      .replace(/\s+/g, "")
      .match(/.{1,4}/g)
      ?.join(" ") ?? ""
  );
}

// Authenticator apps split the label at the first colon ("issuer:account"), so neither part may hold one.
const uriPart = (v: string) => v.replace(/:/g, " ").replace(/\s+/g, " ").trim();

/** The QR code of an otpauth:// URI as a PNG data: URL. */
export function totpQrDataUrl(otpauthUri: string): Promise<string> {
  return QRCode.toDataURL(otpauthUri, { margin: 1, width: 200, errorCorrectionLevel: "M" });
}

/** Starts an enrollment: a new secret (or the one given, e.g. kept in the login transaction) and what to show. */
export async function startTotpEnrollment(
  tenantName: string,
  username: string,
  secret: string = newTotpSecret(),
): Promise<TotpEnrollment> {
  const otpauthUri = totpUri(secret, uriPart(tenantName), uriPart(username));
  return { secret, secretText: formatTotpSecret(secret), otpauthUri, qrDataUrl: await totpQrDataUrl(otpauthUri) };
}
