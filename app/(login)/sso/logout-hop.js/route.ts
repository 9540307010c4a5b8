// GET /sso/logout-hop.js — in the frame of one SP's logout: tells the logout page (same origin) that the SP answered
export function GET() {
  return new Response(
    'var s=document.currentScript;if(window.parent!==window)window.parent.postMessage({type:"portcullis-logout-hop",hop:s&&s.getAttribute("data-hop")},location.origin);\n',
    { headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=3600" } },
  );
}
