// Console forms as a whole: every control's value, so a test can say "after the error, every
// field still shows what was submitted" and "after the reload, every field shows what was
// saved" without listing the fields one by one.
import { expect, type Locator, type Page } from "@playwright/test";
import { adminLogRows, pendingButtons } from "./console";

/**
 * name -> value(s): text, select (all selected options), checkbox/radio groups (the checked
 * values). Controls without a name are keyed by their aria-label in brackets.
 */
export type FormValues = Record<string, string | string[]>;

/**
 * Every named control of a form (hidden inputs, buttons and file inputs left out), as the
 * browser holds it now. Checkboxes and radios by name: the values that are checked.
 */
export async function formValues(form: Locator): Promise<FormValues> {
  return form.evaluate((el) => {
    const out: Record<string, string | string[]> = {};
    const f = el as HTMLFormElement;
    for (const c of Array.from(f.elements)) {
      // Controls without a name (rows kept in a JSON field) by their accessible label.
      const name =
        c.getAttribute("name") ?? (c.getAttribute("aria-label") ? `[${c.getAttribute("aria-label")}]` : null);
      if (!name || name.startsWith("$ACTION")) continue;
      if (c instanceof HTMLInputElement) {
        if (["hidden", "submit", "button", "file", "reset", "image"].includes(c.type)) continue;
        if (c.type === "checkbox" || c.type === "radio") {
          const list = (out[name] as string[] | undefined) ?? [];
          if (c.checked) list.push(c.value);
          out[name] = list;
        } else out[name] = c.value;
      } else if (c instanceof HTMLSelectElement) {
        out[name] = c.multiple ? Array.from(c.selectedOptions).map((o) => o.value) : c.value;
      } else if (c instanceof HTMLTextAreaElement) {
        out[name] = c.value;
      }
    }
    return out;
  });
}

/** The form that holds this button. */
export const formOf = (button: Locator) => button.locator("xpath=ancestor::form[1]");

/** Clicks a submit button and waits for the server action's answer and the form to settle. */
export async function submit(page: Page, button: Locator) {
  const response = page.waitForResponse(
    (r) => r.request().method() === "POST" && !!r.request().headers()["next-action"],
  );
  await button.click();
  await response;
  await expect(pendingButtons(page)).toHaveCount(0);
}

/**
 * Submits a form that must be refused and checks the whole contract: an error summary at the
 * top of the form has focus and links to every bad field (`badFields`: the field names, as the
 * server names them), each linked control is marked invalid, every field still shows what was
 * submitted, and a summary link moves focus to its field.
 */
export async function expectRefusedKeepingValues(
  page: Page,
  form: Locator,
  button: Locator,
  badFields: string[],
): Promise<FormValues> {
  const before = await formValues(form);
  await submit(page, button);
  const summary = form.getByTestId("error-summary");
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  const links = summary.getByRole("link");
  await expect(links).toHaveCount(badFields.length);
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  for (const name of badFields) {
    const href = hrefs.find((h) => h.endsWith(`-${name.replace(/[^A-Za-z0-9_.-]/g, "_")}`));
    expect(href, `the summary links to ${name}`).toBeTruthy();
    const target = page.locator(`[id="${href!.slice(1)}"]`);
    if (await target.evaluate((el) => el.matches("input, select, textarea, fieldset")))
      await expect(target, `${name} is marked invalid`).toHaveAttribute("aria-invalid", "true");
  }
  expect(await formValues(form), "every field keeps what was submitted").toEqual(before);
  // The first link moves focus to its field (or the first control of its group).
  await links.first().click();
  const focused = await page.evaluate((id) => {
    const target = document.getElementById(id);
    const active = document.activeElement;
    return !!target && !!active && (target === active || target.contains(active));
  }, hrefs[0]!.slice(1));
  expect(focused, "the summary link focuses its field").toBe(true);
  return before;
}

/** How many Administrator Log entries have this action and object name (leaves the log page open). */
export async function logCount(page: Page, action: string, target: string): Promise<number> {
  return (await adminLogRows(page, action, target)).count();
}

/**
 * After a save: the form shows `expected` (only the fields named there are compared), a reload
 * shows the same whole form, and saving again without changes says so and adds no entry to
 * the Administrator Log: `action` for `target` has one entry more than `before` (default 0:
 * the object is this test's own) — the first save's.
 */
export async function expectStoredAfterReload(
  page: Page,
  form: () => Locator,
  button: () => Locator,
  expected: FormValues,
  log: { action: string; target: string; url: string; before?: number },
) {
  const shown = await formValues(form());
  expect(shown, "after the save the form shows the stored values").toMatchObject(expected);
  await page.reload();
  await expect(button()).toBeVisible();
  expect(await formValues(form()), "after a reload the form shows the same values").toEqual(shown);
  // Saving again changes nothing.
  await submit(page, button());
  await expect(form().getByRole("status").filter({ hasText: "No changes to save." })).toBeVisible();
  expect(await formValues(form())).toEqual(shown);
  await expect(await adminLogRows(page, log.action, log.target)).toHaveCount((log.before ?? 0) + 1);
  await page.goto(log.url);
}
