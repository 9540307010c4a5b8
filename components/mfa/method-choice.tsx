/** Choose an enrollment method: radio cards in a plain GET form (works without JavaScript). */
export function MethodChoice({
  action,
  legend,
  submit,
  options,
}: {
  action: string;
  legend: string;
  submit: string;
  options: { value: string; title: string; description: string }[];
}) {
  return (
    <form method="get" action={action} className="space-y-4">
      <fieldset className="space-y-3">
        <legend className="mb-2 text-sm font-medium text-slate-800">{legend}</legend>
        {options.map((o, i) => (
          <label
            key={o.value}
            className="flex cursor-pointer gap-3 rounded-lg border border-slate-200 px-4 py-3 has-[:checked]:border-emerald-600 has-[:checked]:bg-emerald-50"
          >
            <input
              type="radio"
              name="method"
              value={o.value}
              defaultChecked={i === 0}
              className="mt-1 accent-emerald-700"
            />
            <span>
              <span className="block text-sm font-medium text-slate-900">{o.title}</span>
              <span className="block text-sm text-slate-600">{o.description}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <button
        type="submit"
        className="inline-flex w-full items-center justify-center rounded-md bg-emerald-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-emerald-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-700"
      >
        {submit}
      </button>
    </form>
  );
}
