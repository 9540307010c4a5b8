import { redirect } from "next/navigation";
import { loginPage } from "@/lib/services/sign-in/hosted-login";
import { getTenantSettings } from "@/lib/services/settings/tenant-settings";
import { readSsoCookies, ssoLocale } from "@/app/_server/sso";
import { SsoCard } from "@/components/sso/sso-card";
import { LoginForm } from "@/components/sso/login-form";

export default async function SsoLoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const signedOut = !!(await searchParams).signedout;
  const { txId, ssoId } = await readSsoCookies();
  const [{ locale, t }, { tenantName }, state] = await Promise.all([ssoLocale(), getTenantSettings(), loginPage(txId, ssoId)]);
  if (state.redirect !== undefined) redirect(state.redirect);
  const { app } = state;
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
      {signedOut && !state.hasTransaction && (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {t("portal.signedOut")}
        </p>
      )}
      <LoginForm
        messages={messages}
        expired={state.expired}
        initialStep={state.identifier ? { identifier: state.identifier } : null}
      />
    </SsoCard>
  );
}
