// Checks every inbound protocol message shares: root element, Version, ID, IssueInstant
// within the allowed skew, Issuer = the SP's entity ID, Destination = our endpoint.
import { NS } from "./constants";
import { SamlError } from "./errors";
import { attr, isElement, optionalChild, textOf } from "./xml";

/** How far IssueInstant may lie behind or ahead of our clock. */
export interface Skew {
  pastMs: number;
  futureMs: number;
}

export const DEFAULT_SKEW: Skew = { pastMs: 3 * 60_000, futureMs: 3 * 60_000 };

/** What the caller tells us about time; both default to the real clock and DEFAULT_SKEW. */
export interface TimeOptions {
  now?: Date;
  skew?: Skew;
}

export interface MessageHeader {
  id: string;
  issuer: string;
  issueInstant: Date;
  /** Key for the replay store ("<issuer>\n<id>") and how long it must be kept. */
  replayKey: string;
  replayExpiresAt: Date;
}

// ASCII subset of an XML NCName, which is what every SP library generates.
const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,255}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** Validates the header of `root`, expected to be samlp:`localName`, and returns its values. */
export function readHeader(
  root: Element,
  localName: string,
  expect: { issuer: string; destination: string },
  time: TimeOptions,
): MessageHeader {
  if (!isElement(root, NS.protocol, localName)) {
    throw new SamlError(
      "malformed_request",
      `root element is {${root.namespaceURI}}${root.localName}, expected samlp:${localName}`,
    );
  }
  if (attr(root, "Version") !== "2.0")
    throw new SamlError("malformed_request", `Version is ${attr(root, "Version")}, expected 2.0`);
  const id = attr(root, "ID") ?? "";
  if (!NCNAME.test(id)) throw new SamlError("malformed_request", "ID is missing or not an NCName");

  const issueInstant = parseInstant(attr(root, "IssueInstant"), "IssueInstant");
  const now = (time.now ?? new Date()).getTime();
  const skew = time.skew ?? DEFAULT_SKEW;
  if (issueInstant.getTime() < now - skew.pastMs) {
    throw new SamlError(
      "stale_request",
      `IssueInstant ${issueInstant.toISOString()} is more than ${skew.pastMs} ms old`,
    );
  }
  if (issueInstant.getTime() > now + skew.futureMs) {
    throw new SamlError(
      "future_request",
      `IssueInstant ${issueInstant.toISOString()} is more than ${skew.futureMs} ms ahead`,
    );
  }

  const issuerEl = optionalChild(root, NS.assertion, "Issuer");
  const issuer = issuerEl ? textOf(issuerEl) : "";
  if (issuer !== expect.issuer)
    throw new SamlError("wrong_issuer", `Issuer "${issuer}" is not the SP entity ID "${expect.issuer}"`);

  const destination = attr(root, "Destination");
  if (destination !== undefined && destination !== expect.destination) {
    throw new SamlError("wrong_destination", `Destination "${destination}" is not "${expect.destination}"`);
  }
  return {
    id,
    issuer,
    issueInstant,
    replayKey: `${issuer}\n${id}`,
    replayExpiresAt: new Date(issueInstant.getTime() + skew.pastMs),
  };
}

/** Parses an xs:dateTime attribute; a value without a zone is UTC, as SAML requires. */
export function parseInstant(value: string | undefined, name: string): Date {
  const m = value ? DATE_TIME.exec(value) : null;
  if (!m) throw new SamlError("malformed_request", `${name} is missing or not a dateTime`);
  const d = new Date(m[2] ? m[0] : `${m[0]}Z`);
  if (Number.isNaN(d.getTime())) throw new SamlError("malformed_request", `${name} is not a valid dateTime`);
  return d;
}
