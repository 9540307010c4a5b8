// The portal's Sign out, step two: every SP of the ended SSO session is told, one after another.
import { redirect } from "next/navigation";
import { logoutRunView } from "@/lib/services/sign-in/idp-logout";
import { getTenantSettings } from "@/lib/services/settings/tenant-settings";
import { ssoLocale } from "@/app/_server/sso";
import { SsoCard } from "@/components/sso/sso-card";
import { LogoutChain } from "@/components/sso/logout-chain";
import { buttonClass } from "@/components/ui/button";

export default async function SigningOutPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const run = (await searchParams).run;
  const view = await logoutRunView(typeof run === "string" ? run : undefined);
  if (!view) redirect("/sso/login?signedout=1");
  const [{ locale, t }, { tenantName }] = await Promise.all([ssoLocale(), getTenantSettings()]);
  const doneUrl = `/sso/signed-out?run=${encodeURIComponent(view.runId)}`;
  return (
    <SsoCard
      lang={locale}
      tenantName={tenantName}
      title={t("logout.title")}
      subtitle={t("logout.progress")}
      footer={t("footer.secured")}
      languageLabel={t("lang.label")}
    >
      <LogoutChain
        runId={view.runId}
        hops={view.hops.map(({ index, appName, url }) => ({ index, appName, url }))}
        timeoutMs={view.timeoutMs}
        doneUrl={doneUrl}
        labels={{ pending: t("logout.pending"), ok: t("logout.ok"), failed: t("logout.failed") }}
      />
      <noscript>
        <p className="mt-4 text-sm text-slate-700">{t("logout.noscript")}</p>
        {view.hops.map((h) => (
          <iframe key={h.index} src={h.url} title={h.appName} hidden />
        ))}
        <a href={doneUrl} className={`${buttonClass("primary")} mt-4`}>
          {t("logout.continue")}
        </a>
      </noscript>
    </SsoCard>
  );
}
