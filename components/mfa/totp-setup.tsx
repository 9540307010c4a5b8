/** The QR code of a new authenticator app and its key as text (for typing by hand). */
export function TotpSetup({
  qrDataUrl,
  secretText,
  scan,
  qrAlt,
  manual,
}: {
  qrDataUrl: string;
  secretText: string;
  scan: string;
  qrAlt: string;
  manual: string;
}) {
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">{scan}</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server */}
      <img
        src={qrDataUrl}
        alt={qrAlt}
        width={200}
        height={200}
        className="mx-auto rounded-md border border-slate-200"
      />
      <p className="text-sm text-slate-700">{manual}</p>
      <code
        data-testid="totp-secret"
        className="block rounded-md bg-slate-100 px-3 py-2 text-center font-mono text-sm tracking-wider break-all text-slate-900"
      >
        {secretText}
      </code>
    </div>
  );
}
