// The signed-in administrator for pages and actions. The session only names the admin;
// role and existence are read from the database on every request, so a role change or
// removal takes effect at once.
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { can, type Permission } from "@/lib/authz";
import { sessionAdmin } from "@/lib/services/admin-auth/session";
import type { AdminActor } from "@/lib/services/actor";
import { consoleAuthOptions } from "./auth-options";
import { clientIp } from "./request";

export type ConsoleActor = AdminActor & { name: string };

export async function currentActor(): Promise<ConsoleActor | null> {
  const session = (await getServerSession(await consoleAuthOptions())) as {
    adminId?: string;
    sessionVersion?: number;
  } | null;
  if (!session?.adminId) return null;
  const admin = await sessionAdmin(session.adminId, session.sessionVersion ?? 0);
  return admin ? { ...admin, ip: await clientIp() } : null;
}

/** For console pages: the actor, or a redirect to the sign-in page. */
export async function requireActor(): Promise<ConsoleActor> {
  const actor = await currentActor();
  if (!actor) redirect("/admin/login");
  return actor;
}

/** For console pages: the actor and whether its role may see this page. */
export async function pageActor(permission: Permission): Promise<{ actor: ConsoleActor; allowed: boolean }> {
  const actor = await requireActor();
  return { actor, allowed: can(actor.role, permission) };
}
