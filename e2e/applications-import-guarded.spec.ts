// "Import Service Provider metadata" under attack (issue 10, findings 6 and 8):
//  - a metadata URL on a private address, the cloud metadata service, or a public-looking URL
//    that redirects into one is refused with one generic text beside the URL field, and the
//    application is unchanged (the exact cause is in the Administrator Log);
//  - a 5 MB "metadata" file is refused beside the file field before it is sent (it answered
//    HTTP 500 before), and nothing changes.
// (Loopback is reachable in the e2e server, which enables PORTCULLIS_OUTBOUND_ALLOW_LOOPBACK for
// its fakes; refusing loopback without that setting is proven in the unit tests.)
// Each test protects its own application; the refused URLs carry a tag unique to the test.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { test, expect } from "./support/fixtures";
import { OWNER, authFile } from "./support/accounts";
import { applicationForm, card, openApplication, protectApplication } from "./support/applications";
import { adminLogRows, expectFieldError, field } from "./support/console";

test.use({ storageState: authFile(OWNER.key) });

const GENERIC =
  "Couldn't download metadata from that URL. It must be a public https:// address that answers with the metadata within 5 seconds; otherwise upload the file.";

const importCard = (page: Page) => card(page, "Import Service Provider metadata");

test("metadata URLs into the private network are refused with the generic text, nothing changes, and the Administrator Log keeps the causes", async ({
  page,
  tenant,
}) => {
  const tag = tenant.id("guarded");
  // Stands in for a public metadata URL whose server redirects into the private network.
  let redirects = 0;
  const redirector = http.createServer((_req, res) => {
    redirects++;
    res.writeHead(302, { Location: `http://10.0.0.1/metadata.xml?${tag}` });
    res.end();
  });
  await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
  tenant.afterwards(async () => {
    redirector.closeAllConnections();
    await new Promise((resolve) => redirector.close(resolve));
  });
  const redirectorUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/sp/metadata?${tag}`;

  const app = await protectApplication(page, "Generic SAML Service Provider");
  tenant.forgetApplicationsAfterwards(app.id);

  for (const url of [
    `https://10.0.0.1/metadata.xml?${tag}`, // a private address
    `http://169.254.169.254/latest/meta-data/?${tag}`, // the cloud metadata service
    redirectorUrl, // a URL that redirects into the private network
  ]) {
    await test.step(url, async () => {
      await openApplication(page, app.id);
      const form = importCard(page);
      await field(form, "or Metadata URL").fill(url);
      await form.getByRole("button", { name: "Import" }).click();
      await expectFieldError(field(form, "or Metadata URL"), GENERIC);
      await expect(applicationForm(page).entityId).toHaveValue("");
    });
  }

  // The redirect was followed once and its target refused.
  expect(redirects).toBe(1);
  const rows = (await adminLogRows(page, "Metadata download failed", app.name)).filter({ hasText: tag });
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: "address_not_allowed" })).toHaveCount(3);
  await expect(rows.first()).toContainText("10.0.0.1");
});

test("a 5 MB metadata file is refused beside the file field before it is sent, and nothing changes", async ({
  page,
  tenant,
}) => {
  const app = await protectApplication(page, "Generic SAML Service Provider");
  tenant.forgetApplicationsAfterwards(app.id);
  await openApplication(page, app.id);
  const form = importCard(page);
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST") posts.push(r.url());
  });
  const big = Buffer.concat([
    Buffer.from('<?xml version="1.0"?><!--'),
    Buffer.alloc(5 * 1024 * 1024, 0x20),
    Buffer.from("--><EntityDescriptor/>"),
  ]);
  await field(form, "Metadata file").setInputFiles({
    name: "huge-metadata.xml",
    mimeType: "application/xml",
    buffer: big,
  });
  await expectFieldError(
    field(form, "Metadata file"),
    "The metadata file is larger than 512 KiB. Nothing was imported.",
  );
  await form.getByRole("button", { name: "Import" }).click();
  await expectFieldError(
    field(form, "Metadata file"),
    "The metadata file is larger than 512 KiB. Nothing was imported.",
  );
  await expect(field(form, "Metadata file")).toBeFocused();
  expect(posts, "nothing was uploaded").toEqual([]);
  await page.reload();
  await expect(applicationForm(page).entityId).toHaveValue("");
});
