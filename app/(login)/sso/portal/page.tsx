import { redirect } from "next/navigation";
import { portal } from "@/lib/services/sign-in/hosted-login";
import { manageAssurance, myAuthenticators } from "@/lib/services/sign-in/portal-authenticators";
import { getTenantSettings } from "@/lib/services/settings/tenant-settings";
import { passkeysAvailableAt } from "@/lib/mfa/passkey-host";
import { loginContext, readSsoCookies, ssoLocale } from "@/app/_server/sso";
import { SsoCard } from "@/components/sso/sso-card";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { AuthenticatorItem } from "@/components/mfa/authenticator-item";
import type { MessageKey } from "@/lib/i18n/messages";

const MESSAGES = { added: "portal.msg.added", renamed: "portal.msg.renamed", removed: "portal.msg.removed" } as const;
const ERRORS = {
  lastRefused: "portal.msg.lastRefused",
  invalidName: "portal.msg.invalidName",
  notFound: "portal.msg.notFound",
  verify: "portal.msg.verifyFirst",
} as const;

export default async function PortalPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const { ssoId } = await readSsoCookies();
  const view = await portal(ssoId);
  if (!view) redirect("/sso/login");
  const { user, applications: apps, session } = view;
  const [{ locale, t }, { tenantName, publicBaseUrl }, authenticators, assurance] = await Promise.all([
    ssoLocale(),
    getTenantSettings(),
    myAuthenticators(session),
    loginContext().then((ctx) => manageAssurance(session, ctx)),
  ]);
  // Changes need a recent second factor (else "Verify it's you" first); see lib/login/assurance.
  const manage = assurance.kind === "allow";
  const msg =
    typeof sp.msg === "string" && Object.hasOwn(MESSAGES, sp.msg) ? t(MESSAGES[sp.msg as keyof typeof MESSAGES]) : null;
  const err =
    typeof sp.err === "string" && Object.hasOwn(ERRORS, sp.err) ? t(ERRORS[sp.err as keyof typeof ERRORS]) : null;
  const date = (d: Date) =>
    d.toLocaleDateString(locale, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
  return (
    <SsoCard
      lang={locale}
      tenantName={tenantName}
      title={t("portal.title")}
      subtitle={user.realName ?? user.username}
      footer={t("footer.secured")}
      languageLabel={t("lang.label")}
      wide
    >
      <section aria-labelledby="apps-heading">
        <h2 id="apps-heading" className="sr-only">
          {t("portal.apps")}
        </h2>
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
                  <span aria-hidden className="text-slate-400">
                    →
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="authenticators-heading" className="mt-8 border-t border-slate-200 pt-6">
        <h2 id="authenticators-heading" className="text-base font-semibold text-slate-900">
          {t("portal.authenticators")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("portal.authenticators.hint")}</p>
        <div className="mt-4 space-y-3">
          {msg && <Alert tone="success">{msg}</Alert>}
          {err && <Alert tone="error">{err}</Alert>}
          {authenticators.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">
              {t("portal.authenticators.empty")}
            </p>
          ) : (
            <ul className="space-y-2" aria-label={t("portal.authenticators")}>
              {authenticators.map((a) => (
                <AuthenticatorItem
                  key={a.id}
                  id={a.id}
                  name={a.name}
                  type={t(`portal.type.${a.type === "WEBAUTHN" ? "WEBAUTHN" : "TOTP"}` as MessageKey)}
                  meta={`${t("portal.added", { date: date(a.createdAt) })} · ${a.lastUsedAt ? t("portal.lastUsed", { date: date(a.lastUsedAt) }) : t("portal.neverUsed")}`}
                  labels={{
                    rename: t("portal.rename"),
                    name: t("portal.name"),
                    save: t("portal.save"),
                    remove: t("portal.remove"),
                    confirm: t("portal.removeConfirm", { name: a.name }),
                    cancel: t("portal.cancel"),
                  }}
                  manage={manage}
                />
              ))}
            </ul>
          )}
          {manage ? (
            <div className="flex flex-wrap gap-2 pt-2">
              <a href="/sso/portal/add?method=totp" className={buttonClass("secondary")}>
                {t("portal.add.totp")}
              </a>
              {passkeysAvailableAt(publicBaseUrl) && (
                <a href="/sso/portal/add?method=webauthn" className={buttonClass("secondary")}>
                  {t("portal.add.passkey")}
                </a>
              )}
            </div>
          ) : (
            <form
              method="post"
              action="/sso/portal/verify"
              className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-slate-50 px-4 py-3"
            >
              <p className="flex-1 text-sm text-slate-700">{t("portal.verify.hint")}</p>
              <button type="submit" className={buttonClass("secondary")}>
                {t("portal.verify.button")}
              </button>
            </form>
          )}
        </div>
      </section>

      <form action="/sso/logout" method="post" className="mt-6 border-t border-slate-200 pt-4 text-right">
        <button type="submit" className="text-sm text-emerald-800 underline-offset-2 hover:underline">
          {t("portal.signOut")}
        </button>
      </form>
    </SsoCard>
  );
}
