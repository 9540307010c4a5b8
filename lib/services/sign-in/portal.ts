// The end-user application portal: the applications a signed-in user may open.
import { listApplicationsForPortal } from "../../db/applications";
import { checkAccess, type AccessUser } from "../../login/access";

export async function portalApplications(user: AccessUser): Promise<{ key: string; name: string }[]> {
  const apps = await listApplicationsForPortal();
  return apps.filter((a) => checkAccess(user, a).allowed).map(({ key, name }) => ({ key, name }));
}
