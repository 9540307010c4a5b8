// The end-user application portal: the applications a signed-in user may open.
import { listApplicationsForPortal } from "../../db/applications";
import { checkAccess, type AccessUser } from "../../login/access";

/** `href`: the Service Provider Login URL when the SP wants SP-initiated sign-in, else IdP-initiated. */
export async function portalApplications(user: AccessUser): Promise<{ key: string; name: string; href: string }[]> {
  const apps = await listApplicationsForPortal();
  return apps
    .filter((a) => checkAccess(user, a).allowed)
    .map(({ key, name, spLoginUrl }) => ({
      key,
      name,
      href: spLoginUrl ?? `/saml2/idp/${encodeURIComponent(key)}/init`,
    }));
}
