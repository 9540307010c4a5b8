import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { loginPage } from "@/lib/services/sign-in/hosted-login";
import { getTenantSettings } from "@/lib/services/settings/tenant-settings";
import { readSsoCookies, ssoLocale } from "@/app/_server/sso";
import { SsoCard } from "@/components/sso/sso-card";
import { LoginForm } from "@/components/sso/login-form";

export default async function SsoLoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const signedOut = !!sp.signedout;
  // An authenticator was removed at the portal: every session ended, this one too.
  const reauth = !!sp.reauth;
  const { txId, ssoId } = await readSsoCookies();
  const [{ locale, t }, { tenantName }, state] = await Promise.all([
    ssoLocale(),
    getTenantSettings(),
    loginPage(txId, ssoId),
  ]);
  // After the password step's server action (it sets cookies, so Next renders this page
  // again in the action's response) the form navigates to /resume itself, exactly once. A
  // redirect here as well would make the router fetch /resume a second time, and whichever
  // request comes second finds the login transaction used ("Sign-in request not accepted").
  // Without JavaScript (no Next-Action header) this redirect is how the browser gets there.
  const inAction = (await headers()).has("next-action");
  if (state.redirect !== undefined && !inAction) redirect(state.redirect);
  const view =
    state.redirect === undefined ? state : { app: null, expired: false, identifier: null, hasTransaction: true };
  const { app } = view;
  const messages = {
    title: t("login.title"),
    subtitle: app ? t("login.subtitle", { app: app.name }) : t("login.subtitlePortal"),
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
    another: t("denied.another"),
    disabledTitle: t("denied.disabled.title"),
    disabledBody: t("denied.disabled.body"),
    lockedTitle: t("denied.locked.title"),
    lockedBody: t("denied.locked.body"),
    groupTitle: t("denied.group.title"),
    groupBody: t("denied.group.body", { app: app?.name ?? "" }),
    newUserTitle: t("denied.new_user.title"),
    newUserBody: t("denied.new_user.body"),
    policyTitle: t("denied.policy.title"),
    policyBody: t("denied.policy.body", { app: app?.name ?? t("portal.title") }),
    noFactorTitle: t("denied.no_factor.title"),
    noFactorBody: t("denied.no_factor.body", { app: app?.name ?? t("portal.title") }),
    networkTitle: t("denied.network.title"),
    networkBody: t("denied.network.body", { app: app?.name ?? t("portal.title") }),
    untrustedTitle: t("denied.endpoint_untrusted.title"),
    untrustedBody: t("denied.endpoint_untrusted.body", { app: app?.name ?? t("portal.title") }),
    compromisedTitle: t("denied.endpoint_compromised.title"),
    compromisedBody: t("denied.endpoint_compromised.body", { app: app?.name ?? t("portal.title") }),
  };
  return (
    <SsoCard lang={locale} tenantName={tenantName} footer={t("footer.secured")} languageLabel={t("lang.label")}>
      {(signedOut || reauth) && !view.hasTransaction && (
        <p
          role="status"
          className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
        >
          {reauth ? t("portal.msg.reauth") : t("portal.signedOut")}
        </p>
      )}
      <LoginForm
        messages={messages}
        expired={view.expired}
        initialStep={view.identifier ? { identifier: view.identifier } : null}
      />
    </SsoCard>
  );
}
