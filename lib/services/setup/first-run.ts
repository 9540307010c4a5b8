// First run: while no administrator exists, /admin offers a one-time setup that creates
// the Owner. A settings latch makes it one-time even under concurrent submissions.
import { z } from "zod";
import { AppError } from "../../errors";
import { countAdmins, insertAdmin } from "../../db/admins";
import { deleteSetting, insertSettingOnce } from "../../db/settings";

const SETUP_LATCH = "setup.completedAt";
import { hashPassword } from "../../crypto/password";
import { emailField, nameField, parseOrThrow } from "../../validation";
import { audit } from "../actor";
import { passwordField } from "../admins/manage-admins";

export const firstOwnerSchema = z
  .object({ email: emailField, name: nameField("name"), password: passwordField, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The passwords do not match." });

export async function isSetupNeeded(): Promise<boolean> {
  return (await countAdmins()) === 0;
}

export async function createFirstOwner(input: unknown, ip?: string | null) {
  const data = parseOrThrow(firstOwnerSchema, input);
  if (!(await isSetupNeeded()) || !(await insertSettingOnce(SETUP_LATCH, new Date().toISOString()))) {
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
