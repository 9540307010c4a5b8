import { redirect } from "next/navigation";
import { portal } from "@/lib/services/sign-in/hosted-login";
import { getTenantSettings } from "@/lib/services/settings/tenant-settings";
import { readSsoCookies, ssoLocale } from "@/app/_server/sso";
import { SsoCard } from "@/components/sso/sso-card";

export default async function PortalPage() {
  const { ssoId } = await readSsoCookies();
  const view = await portal(ssoId);
  if (!view) redirect("/sso/login");
  const { user, applications: apps } = view;
  const [{ locale, t }, { tenantName }] = await Promise.all([ssoLocale(), getTenantSettings()]);
  return (
    <SsoCard lang={locale} tenantName={tenantName} title={t("portal.title")} subtitle={user.realName ?? user.username} footer={t("footer.secured")}>
      {apps.length === 0 ? (
        <p className="text-sm text-slate-600">{t("portal.empty")}</p>
      ) : (
        <ul className="space-y-2" aria-label={t("portal.title")}>
          {apps.map((a) => (
            <li key={a.key}>
              <a
                href={a.href}
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
