// First run: while no administrator exists, /admin offers a one-time setup that creates
// the Owner, for whoever has the setup code the server printed in its log (setup-code.ts).
// A settings latch makes it one-time even under concurrent submissions. Wrong codes count
// towards the per-address sign-in throttle.
import { z } from "zod";
import { AppError } from "../../errors";
import { countAdmins, insertAdmin } from "../../db/admins";
import { deleteSetting, insertSettingOnce } from "../../db/settings";

const SETUP_LATCH = "setup.completedAt";
import { hashPassword } from "../../crypto/password";
import { emailField, nameField, parseOrThrow } from "../../validation";
import { audit } from "../actor";
import { passwordField } from "../admins/manage-admins";
import { isAddressBlocked, recordAddressFailure } from "../admin-auth/throttle";
import { checkSetupCode, discardSetupCode, ensureSetupCode, setupCodeBanner } from "./setup-code";
import { getTenantSettings } from "../settings/tenant-settings";

export const SETUP_CODE_WRONG =
  "That is not the setup code. Copy it from the server's log: it is printed when Portcullis starts without an administrator.";
const SETUP_CODE_MISSING = "Enter the setup code from the server's log.";
export const SETUP_THROTTLED = "Too many wrong setup codes from this address. Wait 15 minutes, then try again.";

export const firstOwnerSchema = z
  .object({
    setupCode: z.string({ error: SETUP_CODE_MISSING }).trim().min(1, SETUP_CODE_MISSING).max(64, SETUP_CODE_WRONG),
    email: emailField,
    name: nameField("name"),
    password: passwordField,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords do not match." });

export async function isSetupNeeded(): Promise<boolean> {
  return (await countAdmins()) === 0;
}

/** At start: while no administrator exists, prints the setup code to the server's log. */
export async function printSetupCodeIfNeeded(log: (text: string) => void = console.log): Promise<boolean> {
  if (!(await isSetupNeeded())) return false;
  const code = await ensureSetupCode();
  log(setupCodeBanner(code, `${(await getTenantSettings()).publicBaseUrl}/admin/setup`));
  return true;
}

export async function createFirstOwner(input: unknown, ip?: string | null) {
  const data = parseOrThrow(firstOwnerSchema, input);
  if (!(await isSetupNeeded())) throw new AppError("conflict", "Setup has already been completed. Sign in instead.");
  if (await isAddressBlocked(ip)) throw new AppError("rate_limited", SETUP_THROTTLED);
  if (!(await checkSetupCode(data.setupCode))) {
    // A submission that lost a race with the one that created the Owner (which discards the code).
    if (!(await isSetupNeeded())) throw new AppError("conflict", "Setup has already been completed. Sign in instead.");
    await recordAddressFailure(ip);
    await audit(null, {
      actorLabel: data.email,
      action: "admin.setup_refused",
      targetType: "admin",
      targetLabel: data.email,
      after: { reason: "wrong_setup_code" },
      ip,
    });
    throw new AppError("validation", SETUP_CODE_WRONG, { fieldErrors: { setupCode: SETUP_CODE_WRONG } });
  }
  if (!(await insertSettingOnce(SETUP_LATCH, new Date().toISOString()))) {
    throw new AppError("conflict", "Setup has already been completed. Sign in instead.");
  }
  let owner;
  try {
    owner = await insertAdmin({
      email: data.email,
      name: data.name,
      role: "OWNER",
      passwordHash: await hashPassword(data.password),
    });
  } catch (e) {
    await deleteSetting(SETUP_LATCH); // let setup be tried again
    throw e;
  }
  await discardSetupCode();
  await audit(null, {
    actorLabel: owner.email,
    action: "admin.create",
    targetType: "admin",
    targetId: owner.id,
    targetLabel: owner.email,
    after: { email: owner.email, name: owner.name, role: "OWNER", via: "first-run setup" },
    ip,
  });
  return owner;
}
