"use client";
// One authenticator in the portal: name, type, dates; rename and remove as plain forms
// (disclosure widgets, so they work without JavaScript too), shown only when the session may
// change authenticators now (`manage`).
import { TextField } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button";

type Labels = { rename: string; name: string; save: string; remove: string; confirm: string; cancel: string };

export function AuthenticatorItem({
  id,
  name,
  type,
  meta,
  labels,
  manage = true,
}: {
  id: string;
  name: string;
  type: string;
  meta: string;
  labels: Labels;
  manage?: boolean;
}) {
  return (
    <li className="rounded-lg border border-slate-200 px-4 py-3" data-testid="authenticator">
      <div className="flex items-start justify-between gap-3">
        <div>
          <p className="text-sm font-medium text-slate-900" data-testid="authenticator-name">
            {name}
          </p>
          <p className="text-xs text-slate-600">
            {type} · {meta}
          </p>
        </div>
      </div>
      {manage && (
        <div className="mt-2 flex flex-wrap gap-4">
          <details className="group">
            <summary className="cursor-pointer text-sm text-emerald-800" aria-label={`${labels.rename}: ${name}`}>
              {labels.rename}
            </summary>
            <form method="post" action="/sso/portal/authenticators/rename" className="mt-2 flex items-end gap-2">
              <input type="hidden" name="id" value={id} />
              <TextField label={labels.name} name="name" defaultValue={name} maxLength={60} required />
              <button type="submit" className={buttonClass("primary")}>
                {labels.save}
              </button>
            </form>
          </details>
          <details>
            <summary className="cursor-pointer text-sm text-red-700" aria-label={`${labels.remove}: ${name}`}>
              {labels.remove}
            </summary>
            <form method="post" action="/sso/portal/authenticators/remove" className="mt-2 space-y-2">
              <input type="hidden" name="id" value={id} />
              <p className="text-sm text-slate-700">{labels.confirm}</p>
              <button type="submit" className={buttonClass("danger")}>
                {labels.remove}
              </button>
            </form>
          </details>
        </div>
      )}
    </li>
  );
}
