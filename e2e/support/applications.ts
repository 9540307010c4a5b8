// The Applications area of the console as an administrator uses it: Protect an Application,
// the application page (Metadata, Certificate Fingerprints, Downloads, Service Provider,
// SAML Response, Settings), and the Authentication Log.
import { expect, type Locator, type Page } from "@playwright/test";
import { escapeRegExp, field, heading } from "./console";

/** A card (section) of a console page by its title. */
export const card = (page: Page, title: string) =>
  page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: title, exact: true }) });

/** The application's id and key, read from the page's address and its Metadata URL. */
export type ProtectedApp = {
  id: string;
  key: string;
  name: string;
  metadataUrl: string;
  ssoUrl: string;
  sloUrl: string;
  entityId: string;
};

/** Applications → Protect an Application → (search) → Protect <entry>; waits for the new application's page. */
export async function protectApplication(page: Page, entry: string, search?: string): Promise<ProtectedApp> {
  await page.goto("/admin/applications");
  await expect(heading(page, "Applications")).toBeVisible();
  await page.getByRole("main").getByRole("link", { name: "Protect an Application" }).first().click();
  await expect(heading(page, "Protect an Application")).toBeVisible();
  if (search !== undefined) {
    await page.getByRole("searchbox", { name: "Search for an application" }).fill(search);
    await page.getByRole("search").getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/[?&]q=/);
  }
  const entryRow = page.getByTestId("catalog-entry").filter({ has: page.getByText(entry, { exact: true }) });
  await expect(entryRow).toContainText("Protection type: 2FA with SSO hosted by Portcullis");
  await entryRow.getByRole("button", { name: `Protect ${entry}` }).click();
  await expect(page).toHaveURL(/\/admin\/applications\/[^/?]+\?protected=1$/);
  await expect(
    page
      .getByRole("main")
      .getByRole("status")
      .filter({ hasText: `${entry} is protected.` }),
  ).toBeVisible();
  return readApplication(page);
}

/** The application page's identity and IdP URLs (Metadata section). */
export async function readApplication(page: Page): Promise<ProtectedApp> {
  const id = /\/admin\/applications\/([^/?]+)/.exec(page.url())?.[1];
  expect(id, "on an application page").toBeTruthy();
  const metadata = card(page, "Metadata");
  const value = (label: string) => metadata.getByLabel(label, { exact: true }).inputValue();
  const metadataUrl = await value("Metadata URL");
  const key = /\/saml2\/idp\/([^/]+)\/metadata$/.exec(metadataUrl)?.[1];
  expect(key, "the Metadata URL names the application key").toBeTruthy();
  return {
    id: id!,
    key: key!,
    name: await page.getByRole("heading", { level: 1 }).innerText(),
    metadataUrl,
    ssoUrl: await value("Single Sign-On URL"),
    sloUrl: await value("Single Log-Out URL"),
    entityId: await value("Entity ID"),
  };
}

export async function openApplication(page: Page, id: string) {
  await page.goto(`/admin/applications/${id}`);
  await expect(card(page, "Service Provider")).toBeVisible();
}

/** The editable part of the application page, by the labels a person reads. */
export function applicationForm(page: Page) {
  const sp = card(page, "Service Provider");
  const response = card(page, "SAML Response");
  const settings = card(page, "Settings");
  return {
    sp,
    response,
    settings,
    entityId: field(sp, "Entity ID"),
    acsRows: sp.getByTestId("acs-row"),
    acsIndex: (n: number) => sp.getByLabel(`Index of ACS URL ${n}`, { exact: true }),
    acsUrl: (n: number) => sp.getByLabel(`URL of ACS URL ${n}`, { exact: true }),
    acsDefault: (n: number) => sp.getByLabel(`ACS URL ${n} is the default`, { exact: true }),
    acsRow: (n: number) => sp.getByTestId("acs-row").nth(n - 1),
    addAcs: sp.getByRole("button", { name: "Add an ACS URL" }),
    sloUrl: field(sp, "Single Logout URL"),
    spLoginUrl: field(sp, "Service Provider Login URL"),
    defaultRelayState: field(sp, "Default Relay State"),
    nameIdFormat: field(response, "NameID format"),
    nameIdAttribute: field(response, "NameID attribute"),
    signatureAlgorithm: field(response, "Signature algorithm"),
    signResponse: response.getByLabel("Sign response"),
    signAssertion: response.getByLabel("Sign assertion"),
    attributeRows: response.getByTestId("attribute-row"),
    attributeSource: (n: number) => response.getByLabel(`User property of attribute ${n}`, { exact: true }),
    attributeName: (n: number) => response.getByLabel(`SAML name of attribute ${n}`, { exact: true }),
    addAttribute: response.getByRole("button", { name: "Add an attribute" }),
    requireSignedRequests: response.getByLabel("Require signed AuthnRequests"),
    spCertificate: field(response, "Service provider certificate"),
    name: field(settings, "Name"),
    notes: field(settings, "Notes"),
    allUsers: settings.getByLabel("Enable for all users"),
    groupsOnly: settings.getByLabel("Only allow authentication from users in certain groups"),
    group: (name: string) => settings.getByLabel(name, { exact: true }),
    save: page.getByRole("button", { name: "Save", exact: true }),
  };
}

/** Save; the form shows the stored values and "Application saved." (or "No changes to save."). */
export async function saveApplication(page: Page) {
  await applicationForm(page).save.click();
  await expect(
    page
      .getByRole("main")
      .getByRole("status")
      .filter({ hasText: /^(Application saved\.|No changes to save\.)$/ }),
  ).toBeVisible();
}

// ------------------------------------------------------------------ Authentication Log

/** Rows of the application's Authentication Log (its page's "Authentication Log" link). */
export async function authLogRows(page: Page, app: Pick<ProtectedApp, "id">): Promise<Locator> {
  await openApplication(page, app.id);
  await page.getByRole("main").getByRole("link", { name: "Authentication Log", exact: true }).click();
  await expect(heading(page, "Authentication Log")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`application=${escapeRegExp(app.id)}`));
  return page.getByTestId("authlog-row");
}

/** A log row's cells by column: Time, User, Application, Result, Reason (label), Factor, IP address, … */
export async function authLogEntries(rows: Locator) {
  const out: Array<{ user: string; application: string; result: string; reason: string; factor: string }> = [];
  for (const row of await rows.all()) {
    const cells = (await row.getByRole("cell").allInnerTexts()).map((t) => t.trim());
    // The reason cell shows the label, then the code on a second line.
    out.push({
      user: cells[1] ?? "",
      application: cells[2] ?? "",
      result: cells[3] ?? "",
      reason: (cells[4] ?? "").split("\n")[0]!.trim(),
      factor: cells[5] ?? "",
    });
  }
  return out;
}
