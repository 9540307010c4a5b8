import { describe, expect, it } from "vitest";
import { AUTO_SUBMIT_SCRIPT, renderPostForm } from "./post-form";

describe("renderPostForm", () => {
  const html = renderPostForm(
    {
      id: "_r1",
      binding: "post",
      url: 'https://sp.example.test/acs?a=1&b="2"',
      fields: { SAMLResponse: "PHNhbWxwOlJlc3BvbnNl+/==", RelayState: "\"><script>alert(1)</script>&'" },
    },
    "/sso/post.js",
  );

  it("HTML-escapes the action, every value and the RelayState", () => {
    expect(html).toContain('action="https://sp.example.test/acs?a=1&amp;b=&quot;2&quot;"');
    expect(html).toContain('<input type="hidden" name="SAMLResponse" value="PHNhbWxwOlJlc3BvbnNl+/==">');
    expect(html).toContain('name="RelayState" value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;&#39;"');
    expect(html).not.toContain("<script>alert");
  });

  it("submits with an external script only, and offers a button without JavaScript", () => {
    expect(html.match(/<script/g)).toEqual(["<script"]);
    expect(html).toContain('<script src="/sso/post.js"></script>');
    expect(html).toMatch(/<noscript>.*<button type="submit">Continue<\/button><\/noscript>/);
    expect(html).toContain('<form id="saml-post" method="post"');
    expect(AUTO_SUBMIT_SCRIPT).toContain('getElementById("saml-post").submit()');
  });
});
