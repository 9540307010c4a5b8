"use client";
// Upload -> preview (per-row verdicts, nothing written) -> "Import N users" (one transaction,
// with a progress bar fed by the progress endpoint while the import runs).
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, LinkButton } from "@/components/ui/button";
import { FieldShell, inputClass } from "@/components/ui/field";
import { PreviewTable, type PreviewRow } from "./preview-table";

type Preview = {
  token: string | null;
  sha256: string;
  fileName: string;
  rowCount: number;
  counts: { create: number; update: number; unchanged: number; error: number };
  rows: PreviewRow[];
  hiddenOkRows: number;
};
type CommitResult = { ok: true; created: number; updated: number; unchanged: number } | { ok: false; preview: Preview };

const HEADERS = { "x-portcullis-import": "1" };
const MAX_BYTES = 5 * 1024 * 1024;
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

async function readJson<T>(res: Response): Promise<T> {
  const body = (await res
    .json()
    .catch(() => ({ message: "The server sent an unreadable answer. Try again." }))) as T & { message?: string };
  if (!res.ok) throw new Error(body.message ?? "Something went wrong. Nothing was imported; try again.");
  return body;
}

export function ImportUsers() {
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [phase, setPhase] = useState<"idle" | "previewing" | "preview" | "importing" | "done">("idle");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [message, setMessage] = useState<string | undefined>();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<{ created: number; updated: number; unchanged: number } | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(true);
  const poll = useRef<ReturnType<typeof setInterval> | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(
    () => () => {
      if (poll.current) clearInterval(poll.current);
    },
    [],
  );

  async function runPreview(e: React.FormEvent) {
    e.preventDefault();
    setMessage(undefined);
    setPreview(null);
    if (!file) return setFileError("Choose a CSV file.");
    if (file.size > MAX_BYTES) return setFileError("The file is larger than 5 MB. Split it into smaller files.");
    setFileError(undefined);
    setPhase("previewing");
    try {
      const res = await fetch(`/admin/users/import/preview?name=${encodeURIComponent(file.name)}`, {
        method: "POST",
        headers: { ...HEADERS, "Content-Type": "text/csv" },
        body: file,
      });
      const p = await readJson<Preview>(res);
      setPreview(p);
      setOnlyProblems(p.counts.error > 0);
      setPhase("preview");
    } catch (err) {
      setFileError(err instanceof Error ? err.message : String(err));
      setPhase("idle");
    }
  }

  async function runImport() {
    if (!preview?.token) return;
    const token = preview.token;
    const total = preview.counts.create + preview.counts.update;
    setPhase("importing");
    setMessage(undefined);
    setProgress({ done: 0, total });
    poll.current = setInterval(async () => {
      const res = await fetch(`/admin/users/import/progress?token=${encodeURIComponent(token)}`, {
        headers: HEADERS,
      }).catch(() => null);
      if (res?.ok) {
        const p = (await res.json()) as { done: number; total: number };
        setProgress({ done: p.done, total: p.total });
      }
    }, 400);
    try {
      const res = await fetch("/admin/users/import/commit", {
        method: "POST",
        headers: { ...HEADERS, "Content-Type": "application/json" },
        body: JSON.stringify({ token, sha256: preview.sha256 }),
      });
      const r = await readJson<CommitResult>(res);
      if (r.ok) {
        setResult(r);
        setPhase("done");
      } else {
        setPreview(r.preview);
        setOnlyProblems(true);
        setMessage("The directory changed since the preview and some rows now have problems. Nothing was imported.");
        setPhase("preview");
      }
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
      setPhase("preview");
      setPreview((p) => (p ? { ...p, token: null } : p));
    } finally {
      if (poll.current) clearInterval(poll.current);
      poll.current = null;
    }
  }

  function reset() {
    setPhase("idle");
    setPreview(null);
    setFile(null);
    setResult(null);
    setMessage(undefined);
    if (inputRef.current) inputRef.current.value = "";
  }

  if (phase === "done" && result)
    return (
      <Alert tone="success" title="Import complete">
        <p data-testid="import-result">
          {plural(result.created, "user")} created, {plural(result.updated, "user")} updated
          {result.unchanged ? `, ${plural(result.unchanged, "row")} unchanged` : ""}.
        </p>
        <div className="mt-3 flex gap-3">
          <LinkButton href="/admin/users">Go to Users</LinkButton>
          <Button variant="secondary" onClick={reset}>
            Import another file
          </Button>
        </div>
      </Alert>
    );

  const toImport = preview ? preview.counts.create + preview.counts.update : 0;
  const shown = preview ? (onlyProblems ? preview.rows.filter((r) => r.verdict === "error") : preview.rows) : [];
  const busy = phase === "previewing" || phase === "importing";

  return (
    <div className="space-y-6">
      <form onSubmit={runPreview} className="flex flex-wrap items-end gap-3" noValidate>
        <div className="min-w-72 flex-1">
          <FieldShell
            label="CSV file"
            error={fileError}
            hint="UTF-8, at most 5 MB and 20,000 users. Nothing is imported until you confirm the preview."
            required
          >
            {({ id, describedBy, invalid }) => (
              <input
                ref={inputRef}
                id={id}
                name="file"
                type="file"
                accept=".csv,text/csv"
                required
                disabled={busy}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                className={`${inputClass} file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1 file:text-sm`}
                onChange={(e) => {
                  setFile(e.currentTarget.files?.[0] ?? null);
                  setPreview(null);
                  setFileError(undefined);
                  setMessage(undefined);
                  setPhase("idle");
                }}
              />
            )}
          </FieldShell>
        </div>
        <Button type="submit" variant="secondary" disabled={busy} className="mb-[1.6rem]">
          {phase === "previewing" ? "Checking…" : "Preview"}
        </Button>
      </form>

      {phase === "previewing" && (
        <div role="status" className="flex items-center gap-3 text-sm text-slate-700">
          <progress className="h-2 w-48 accent-emerald-700" aria-label="Checking the file" />
          Checking {file?.name}…
        </div>
      )}

      {message && <Alert tone="error">{message}</Alert>}

      {preview && (
        <section aria-labelledby="preview-heading" className="space-y-4">
          <div className="flex flex-wrap items-end justify-between gap-4">
            <div>
              <h2 id="preview-heading" className="text-base font-semibold text-slate-900">
                Preview of {preview.fileName}
              </h2>
              <p className="mt-0.5 text-sm text-slate-600" data-testid="import-summary">
                {plural(preview.rowCount, "row")}: {preview.counts.create.toLocaleString("en-US")} to create,{" "}
                {preview.counts.update.toLocaleString("en-US")} to update,{" "}
                {preview.counts.unchanged.toLocaleString("en-US")} unchanged,{" "}
                {preview.counts.error.toLocaleString("en-US")} with problems.
              </p>
            </div>
            <div className="flex gap-2 text-sm" role="group" aria-label="Rows to show">
              <Button
                variant={onlyProblems ? "primary" : "secondary"}
                className="py-1"
                aria-pressed={onlyProblems}
                onClick={() => setOnlyProblems(true)}
                disabled={preview.counts.error === 0}
              >
                Problems ({preview.counts.error.toLocaleString("en-US")})
              </Button>
              <Button
                variant={!onlyProblems ? "primary" : "secondary"}
                className="py-1"
                aria-pressed={!onlyProblems}
                onClick={() => setOnlyProblems(false)}
              >
                All rows
              </Button>
            </div>
          </div>

          {preview.counts.error > 0 ? (
            <Alert
              tone="error"
              title={`${plural(preview.counts.error, "row has", "rows have")} problems. Nothing will be imported.`}
            >
              Fix every row listed below in your file, then choose it again and preview. No user is created or changed
              until the whole file is clean.
            </Alert>
          ) : toImport === 0 ? (
            <Alert tone="info">Every user in this file is already up to date. There is nothing to import.</Alert>
          ) : (
            <div className="flex flex-wrap items-center gap-4 rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3">
              <Button onClick={runImport} disabled={busy || !preview.token}>
                {phase === "importing"
                  ? `Importing ${plural(toImport, "user")}…`
                  : `Import ${plural(toImport, "user")}`}
              </Button>
              {phase === "importing" && progress ? (
                <div role="status" className="flex items-center gap-3 text-sm text-emerald-900">
                  <progress
                    className="h-2 w-56 accent-emerald-700"
                    max={Math.max(progress.total, 1)}
                    value={progress.done}
                    aria-label="Import progress"
                  />
                  {progress.done.toLocaleString("en-US")} of {progress.total.toLocaleString("en-US")} written
                </div>
              ) : (
                <p className="text-sm text-emerald-900">
                  All rows are fine. The import runs as one transaction: either every user is written or none is.
                </p>
              )}
              {phase !== "importing" && (
                <Button variant="ghost" onClick={reset}>
                  Cancel
                </Button>
              )}
            </div>
          )}

          {shown.length > 0 ? (
            <PreviewTable rows={shown} />
          ) : (
            <p className="text-sm text-slate-600">No rows with problems.</p>
          )}
          {!onlyProblems && preview.hiddenOkRows > 0 && (
            <p className="text-sm text-slate-600">
              {plural(preview.hiddenOkRows, "more row")} without problems {preview.hiddenOkRows === 1 ? "is" : "are"}{" "}
              not shown.
            </p>
          )}
        </section>
      )}
      <p className="text-sm text-slate-600">
        Need the current directory as a starting point?{" "}
        <a href="/admin/users/export.csv" download className="text-emerald-800 underline-offset-2 hover:underline">
          Export users as CSV
        </a>{" "}
        — it has the same columns.
      </p>
    </div>
  );
}
