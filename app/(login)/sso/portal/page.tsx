import { redirect } from "next/navigation";
import { resolveSsoSession } from "@/lib/login/session";
import { portalApplications } from "@/lib/services/sign-in/portal";
import { getTenantSettings } from "@/lib/services/settings/tenant-settings";
import { readSsoCookies, ssoLocale } from "@/app/_server/sso";
import { SsoCard } from "@/components/sso/sso-card";

export default async function PortalPage() {
  const { ssoId } = await readSsoCookies();
  const session = await resolveSsoSession(ssoId);
  if (!session) redirect("/sso/login");
  const [{ locale, t }, { tenantName }, apps] = await Promise.all([ssoLocale(), getTenantSettings(), portalApplications(session.user)]);
  return (
    <SsoCard lang={locale} tenantName={tenantName} title={t("portal.title")} subtitle={session.user.realName ?? session.user.username} footer={t("footer.secured")}>
      {apps.length === 0 ? (
        <p className="text-sm text-slate-600">{t("portal.empty")}</p>
      ) : (
        <ul className="space-y-2" aria-label={t("portal.title")}>
          {apps.map((a) => (
            <li key={a.key}>
              <a
                href={`/saml2/idp/${encodeURIComponent(a.key)}/init`}
                className="flex items-center justify-between rounded-lg border border-slate-200 px-4 py-3 text-sm font-medium text-slate-900 hover:border-emerald-600 hover:bg-emerald-50 focus-visible:outline-2 focus-visible:outline-emerald-600"
              >
                {a.name}
                <span aria-hidden className="text-slate-400">→</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      <form action="/sso/logout" method="post" className="mt-6 border-t border-slate-200 pt-4 text-right">
        <button type="submit" className="text-sm text-emerald-800 underline-offset-2 hover:underline">
          {t("portal.signOut")}
        </button>
      </form>
    </SsoCard>
  );
}
