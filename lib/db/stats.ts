// Repository: tenant-wide counts for the dashboard and the empty states.
import { dbReady } from "./client";

export async function countTenant() {
  const db = await dbReady();
  const [applications, users, groups, policies, endpoints, authLogs, admins] = await Promise.all([
    db.application.count(),
    db.user.count({ where: { deletedAt: null } }),
    db.group.count(),
    db.policy.count(),
    db.endpoint.count(),
    db.authLog.count(),
    db.admin.count(),
  ]);
  return { applications, users, groups, policies, endpoints, authLogs, admins };
}
