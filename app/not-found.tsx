import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md px-6 py-24 text-center">
      <p className="text-sm font-semibold text-emerald-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600">The page you asked for does not exist or was removed.</p>
      <Link href="/admin" className="mt-6 inline-block text-emerald-700 underline">
        Go to the console
      </Link>
    </main>
  );
}
