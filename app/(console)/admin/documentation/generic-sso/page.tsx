// Documentation > Generic SSO: how to connect any SAML 2.0 service provider (the "Generic
// SSO documentation" link of an application's page, seed 000).
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { pageActor } from "@/app/_server/actor";
import { NoAccess } from "@/components/console/no-access";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Generic SSO documentation" };

const Code = ({ children }: { children: ReactNode }) => (
  <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.8125rem] text-slate-800">{children}</code>
);

export default async function GenericSsoDocumentationPage() {
  const { allowed } = await pageActor("applications:view");
  if (!allowed) return <NoAccess />;
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/admin/applications" className="hover:underline">
            Applications
          </Link>
        }
        title="Generic SSO documentation"
        description="Connect any service provider that supports SAML 2.0 to Portcullis: users sign in with their password and the second factor your policy asks for."
      />
      <div className="max-w-3xl space-y-6 text-sm leading-6 text-slate-800">
        <Card title="1. Protect the application">
          <ol className="list-decimal space-y-1 pl-5">
            <li>
              In{" "}
              <Link href="/admin/applications/protect" className="text-emerald-800 underline underline-offset-2">
                Protect an Application
              </Link>{" "}
              choose <strong>Generic SAML Service Provider</strong> and <strong>Protect</strong>.
            </li>
            <li>
              Give it a <strong>Name</strong> under Settings: users see it on the sign-in page and in the application
              portal.
            </li>
          </ol>
        </Card>
        <Card title="2. Tell the service provider about Portcullis">
          <p>The application page lists everything the service provider asks for:</p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            <li>
              <strong>Metadata URL</strong>: the simplest way. Most service providers read the Entity ID, the Single
              Sign-On and Single Log-Out URLs and the signing certificates from it, and keep up with certificate
              rollover.
            </li>
            <li>
              Otherwise copy the <strong>Entity ID</strong>, the <strong>Single Sign-On URL</strong> (HTTP-Redirect and
              HTTP-POST), the <strong>Single Log-Out URL</strong>, and <strong>Download certificate</strong> (or compare
              the SHA-256 fingerprint).
            </li>
          </ul>
        </Card>
        <Card title="3. Tell Portcullis about the service provider">
          <ul className="list-disc space-y-1 pl-5">
            <li>
              <strong>Import Service Provider metadata</strong> (a file or its URL) fills in the Entity ID, the ACS
              URLs, the Single Logout URL and the signing certificate. Or type them:
            </li>
            <li>
              <strong>Entity ID</strong>: the service provider&apos;s identifier, e.g.{" "}
              <Code>https://sp.example.com/metadata</Code>. Requests from any other issuer are refused.
            </li>
            <li>
              <strong>Assertion Consumer Service (ACS) URL</strong>: where signed responses are posted. Portcullis posts
              only to the URLs listed here; mark one as the default for sign-ins started from the portal.
            </li>
            <li>
              <strong>NameID format</strong> and <strong>NameID attribute</strong>: what identifies the user. Use{" "}
              <Code>emailAddress</Code> with the email address when the service provider matches users by email,{" "}
              <Code>transient</Code> when it asks for a one-time identifier.
            </li>
            <li>
              <strong>Map attributes</strong> when the service provider expects attributes such as <Code>uid</Code> or{" "}
              <Code>email</Code>.
            </li>
            <li>
              <strong>Require signed AuthnRequests</strong> with the service provider&apos;s certificate when it signs
              its requests.
            </li>
            <li>
              <strong>User access</strong>: every user, or only members of certain groups. Then <strong>Save</strong>.
            </li>
          </ul>
        </Card>
        <Card title="4. Test">
          <ul className="list-disc space-y-1 pl-5">
            <li>Sign in at the service provider with a test user before you enable SSO for everyone.</li>
            <li>
              Every attempt is in the application&apos;s <strong>Authentication Log</strong> with its result and the
              reason (for example <Code>not_permitted</Code> when the user is not in a permitted group).
            </li>
          </ul>
        </Card>
        <Card title="Common errors">
          <dl className="space-y-3">
            <div>
              <dt className="font-semibold">Access denied</dt>
              <dd>
                The user is not in a group that User access permits. Add the user to the group, or change User access.
              </dd>
            </div>
            <div>
              <dt className="font-semibold">Account disabled</dt>
              <dd>The user, or one of their groups, has the status Disabled (Users or Groups).</dd>
            </div>
            <div>
              <dt className="font-semibold">Sign-in request not accepted</dt>
              <dd>
                The request&apos;s issuer, ACS URL or signature does not match the application. The reference on the
                error page finds the exact cause in the Authentication Log.
              </dd>
            </div>
            <div>
              <dt className="font-semibold">The service provider rejects the response</dt>
              <dd>
                Check that it trusts the current certificate (SHA-256 fingerprint on the application page) and that the
                clocks of both sides are correct.
              </dd>
            </div>
          </dl>
        </Card>
      </div>
    </>
  );
}
