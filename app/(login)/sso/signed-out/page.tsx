// The end of the portal's Sign out: which applications confirmed, and which did not.
import { headers } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { finishLogoutRun } from "@/lib/services/sign-in/idp-logout";
import { getTenantSettings } from "@/lib/services/settings/tenant-settings";
import { clientIpFrom } from "@/app/_server/request";
import { ssoLocale } from "@/app/_server/sso";
import { SsoCard } from "@/components/sso/sso-card";
import { buttonClass } from "@/components/ui/button";

export default async function SignedOutPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const run = (await searchParams).run;
  const h = await headers();
  const result = await finishLogoutRun(typeof run === "string" ? run : undefined, {
    ip: clientIpFrom((n) => h.get(n)),
    userAgent: h.get("user-agent"),
  });
  if (!result || result.initiator !== "portal") redirect("/sso/login?signedout=1");
  const [{ locale, t }, { tenantName }] = await Promise.all([ssoLocale(), getTenantSettings()]);
  return (
    <SsoCard
      lang={locale}
      tenantName={tenantName}
      title={t("logout.doneTitle")}
      footer={t("footer.secured")}
      languageLabel={t("lang.label")}
    >
      {result.failed.length === 0 ? (
        <p role="status" className="text-sm text-slate-700">
          {t("logout.allConfirmed")}
        </p>
      ) : (
        <div role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p>{t("logout.someFailed")}</p>
          <ul className="mt-2 list-disc pl-5" data-testid="logout-failed">
            {result.failed.map((f) => (
              <li key={f.appName}>{f.appName}</li>
            ))}
          </ul>
        </div>
      )}
      <Link href="/sso/login" className={`${buttonClass("secondary")} mt-6 w-full justify-center`}>
        {t("logout.signInAgain")}
      </Link>
    </SsoCard>
  );
}
