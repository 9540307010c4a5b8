// Who may use an application: account status (the user's own and its groups') and the
// application's user access setting. Pure: data in, decision out.

export type AccessUser = { status: string; groups: readonly { id: string; status: string }[] };
export type AccessApp = { userAccess: string; permittedGroupIds: string[] };

export type AccessDecision =
  | { allowed: true; bypass: boolean }
  | { allowed: false; reason: "user_disabled" | "locked_out" | "user_not_in_permitted_group" };

export function checkAccess(user: AccessUser, app: AccessApp | null): AccessDecision {
  if (user.status === "DISABLED" || user.groups.some((g) => g.status === "DISABLED"))
    return { allowed: false, reason: "user_disabled" };
  if (user.status === "LOCKED_OUT") return { allowed: false, reason: "locked_out" };
  if (app && app.userAccess === "GROUPS") {
    const permitted = new Set(app.permittedGroupIds);
    if (!user.groups.some((g) => permitted.has(g.id))) return { allowed: false, reason: "user_not_in_permitted_group" };
  }
  return { allowed: true, bypass: user.status === "BYPASS" || user.groups.some((g) => g.status === "BYPASS") };
}
