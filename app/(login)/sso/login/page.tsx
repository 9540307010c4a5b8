import { redirect } from "next/navigation";
import { loadLogin } from "@/lib/login/transaction";
import { resolveSsoSession } from "@/lib/login/session";
import { findLoginApplication } from "@/lib/services/sign-in/login-application";
import { getTenantSettings } from "@/lib/services/settings/tenant-settings";
import { readSsoCookies, ssoLocale } from "@/app/_server/sso";
import { SsoCard } from "@/components/sso/sso-card";
import { LoginForm } from "@/components/sso/login-form";

export default async function SsoLoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const signedOut = !!(await searchParams).signedout;
  const { txId, ssoId } = await readSsoCookies();
  const [{ locale, t }, { tenantName }, tx] = await Promise.all([ssoLocale(), getTenantSettings(), loadLogin(txId)]);
  const app = await findLoginApplication(tx?.applicationId ?? null);
  if (tx?.state === "DONE" && app) redirect(`/saml2/idp/${encodeURIComponent(app.key)}/resume`);
  if (!tx && (await resolveSsoSession(ssoId))) redirect("/sso/portal");
  const messages = {
    identifier: t("login.identifier"),
    password: t("login.password"),
    next: t("login.next"),
    submit: t("login.submit"),
    notYou: t("login.notYou"),
    signedInAs: t("login.signedInAs"),
    invalid_credentials: t("error.invalidCredentials"),
    missing_identifier: t("error.missingIdentifier"),
    missing_password: t("error.missingPassword"),
    expired: t("error.expired"),
    disabledTitle: t("denied.disabled.title"),
    disabledBody: t("denied.disabled.body"),
    lockedTitle: t("denied.locked.title"),
    lockedBody: t("denied.locked.body"),
    groupTitle: t("denied.group.title"),
    groupBody: t("denied.group.body", { app: app?.name ?? "" }),
  };
  return (
    <SsoCard
      lang={locale}
      tenantName={tenantName}
      title={t("login.title")}
      subtitle={app ? t("login.subtitle", { app: app.name }) : t("login.subtitlePortal")}
      footer={t("footer.secured")}
    >
      {signedOut && !tx && (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {t("portal.signedOut")}
        </p>
      )}
      <LoginForm
        messages={messages}
        expired={!!txId && !tx}
        initialStep={tx?.state === "PASSWORD" && tx.parsed.identifier ? { identifier: tx.parsed.identifier } : null}
      />
    </SsoCard>
  );
}
