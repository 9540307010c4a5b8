// XML signatures. Signing works on strings that are already in exclusive-C14N form (our own
// templates), so a signature costs one digest and one RSA operation. Verification of what
// SPs send uses node's crypto for the Redirect binding's query signature and xml-crypto for
// enveloped signatures, accepting only one signature whose reference is the root element.
import { createHash, createVerify, sign, verify, X509Certificate, type KeyLike, type KeyObject } from "node:crypto";
import { SignedXml, type SignatureAlgorithm as XmlCryptoSignatureAlgorithm } from "xml-crypto";
import { base64DerToPem, type SigningKey } from "../crypto/keys";
import { C14N_EXCLUSIVE, NS, SIGNATURE_ALGORITHMS, TRANSFORM_ENVELOPED, type SignatureAlgorithm } from "./constants";
import { SamlError } from "./errors";
import { attr, childrenNamed, isElement, parseXml } from "./xml";

/** The IdP's signing identity: its entity ID, key and the algorithm an application asks for. */
export interface IdpSigner {
  entityId: string;
  key: SigningKey;
  algorithm: SignatureAlgorithm;
}

const ISSUER_END = "</saml:Issuer>";

/**
 * Signs canonical `xml` whose root has ID `id`: digests it, signs the SignedInfo, and inserts
 * the enveloped ds:Signature right after the root's Issuer (the first Issuer in the string).
 */
export function signCanonical(xml: string, id: string, signer: IdpSigner): string {
  const alg = SIGNATURE_ALGORITHMS[signer.algorithm];
  const digest = createHash(alg.hash).update(xml).digest("base64");
  const signedInfoBody =
    `<ds:CanonicalizationMethod Algorithm="${C14N_EXCLUSIVE}"></ds:CanonicalizationMethod>` +
    `<ds:SignatureMethod Algorithm="${alg.signatureUri}"></ds:SignatureMethod>` +
    `<ds:Reference URI="#${id}"><ds:Transforms>` +
    `<ds:Transform Algorithm="${TRANSFORM_ENVELOPED}"></ds:Transform>` +
    `<ds:Transform Algorithm="${C14N_EXCLUSIVE}"></ds:Transform></ds:Transforms>` +
    `<ds:DigestMethod Algorithm="${alg.digestUri}"></ds:DigestMethod>` +
    `<ds:DigestValue>${digest}</ds:DigestValue></ds:Reference></ds:SignedInfo>`;
  // SignedInfo canonicalised on its own declares ds; inside ds:Signature it inherits it.
  const canonicalSignedInfo = Buffer.from(`<ds:SignedInfo xmlns:ds="${NS.dsig}">${signedInfoBody}`);
  const value = sign(alg.hash, canonicalSignedInfo, signer.key.privateKey).toString("base64");
  const signature =
    `<ds:Signature xmlns:ds="${NS.dsig}"><ds:SignedInfo>${signedInfoBody}` +
    `<ds:SignatureValue>${value}</ds:SignatureValue>` +
    `<ds:KeyInfo><ds:X509Data><ds:X509Certificate>${signer.key.certificate}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>`;
  const at = xml.indexOf(ISSUER_END) + ISSUER_END.length;
  return xml.slice(0, at) + signature + xml.slice(at);
}

/** Signs the octets of a Redirect-binding query string ("SAMLRequest=..&RelayState=..&SigAlg=.."). */
export function signQuery(octets: string, signer: IdpSigner): string {
  return sign(SIGNATURE_ALGORITHMS[signer.algorithm].hash, Buffer.from(octets), signer.key.privateKey).toString(
    "base64",
  );
}

/** The algorithm entry for a signature method URI; SHA-1 and anything unknown are refused. */
function algorithmFor(signatureUri: string) {
  const found = Object.values(SIGNATURE_ALGORITHMS).find((a) => a.signatureUri === signatureUri);
  if (!found) throw new SamlError("unsupported_algorithm", `signature algorithm ${signatureUri} is not accepted`);
  return found;
}

/** PEM for a PEM or base64 DER certificate. */
const pemOf = (certificate: string) => (certificate.includes("-----BEGIN") ? certificate : base64DerToPem(certificate));

// Parsing a certificate costs about half an RSA signature; SP certificates change rarely.
const publicKeys = new Map<string, KeyObject>();
const MAX_CACHED_KEYS = 256;

/** The public key of a PEM or base64 DER certificate, cached. */
function publicKeyOf(certificate: string): KeyObject {
  let key = publicKeys.get(certificate);
  if (!key) {
    if (publicKeys.size >= MAX_CACHED_KEYS) publicKeys.clear();
    key = new X509Certificate(pemOf(certificate)).publicKey;
    publicKeys.set(certificate, key);
  }
  return key;
}

/**
 * Verifies a Redirect-binding signature over the query octets exactly as received, with any
 * of the SP's certificates (PEM or base64 DER).
 */
export function verifyQuerySignature(octets: string, sigAlg: string, signature: string, certificates: string[]): void {
  const { hash } = algorithmFor(sigAlg);
  const value = Buffer.from(signature, "base64");
  const data = Buffer.from(octets);
  const ok = certificates.some((c) => verify(hash, data, publicKeyOf(c), value));
  if (!ok) throw new SamlError("bad_signature", "the query-string signature does not verify with the SP certificate");
}

/**
 * Verifies the enveloped signature of a POST-binding message and returns the root element
 * re-read from the octets the signature covers. Wrapping-resistant: the document holds
 * exactly one ds:Signature, a child of the root, with exactly one Reference whose URI is
 * the root's ID, and only the enveloped-signature and exclusive C14N transforms.
 */
export function verifyEnvelopedSignature(xml: string, root: Element, certificates: string[]): Element {
  const signatures = root.ownerDocument.getElementsByTagNameNS(NS.dsig, "Signature");
  if (signatures.length !== 1 || signatures[0]?.parentNode !== root) {
    const why =
      signatures.length === 1
        ? "the ds:Signature is not a child of the root element"
        : `${signatures.length} ds:Signature elements`;
    throw new SamlError("bad_signature", why);
  }
  return verifyElementSignature(xml, root, certificates);
}

/**
 * Verifies the enveloped signature of `element` (the root, or an upstream Response's
 * Assertion) in the document `xml`, and returns that element re-read from the octets the
 * signature covers: callers read nothing else. The element has exactly one ds:Signature
 * child, whose single Reference is the element's own ID, with only the enveloped-signature
 * and exclusive C14N transforms; no other element of the document carries that ID.
 * Other signatures may sit inside the element (a signed Assertion in a signed Response):
 * each is the concern of its own element's check.
 */
export function verifyElementSignature(xml: string, element: Element, certificates: string[]): Element {
  const own = childrenNamed(element, NS.dsig, "Signature");
  const signatureEl = own[0];
  if (own.length !== 1 || !signatureEl)
    throw new SamlError("bad_signature", `${own.length} ds:Signature children of ${element.localName}`);
  const id = attr(element, "ID");
  const signedInfo = childrenNamed(signatureEl, NS.dsig, "SignedInfo");
  const references = signedInfo.length === 1 ? childrenNamed(signedInfo[0]!, NS.dsig, "Reference") : [];
  const reference = references[0];
  if (!id || references.length !== 1 || attr(reference!, "URI") !== `#${id}`) {
    const which = element === element.ownerDocument.documentElement ? "root element" : element.localName;
    throw new SamlError("bad_signature", `the signature must reference the ${which}'s ID, and only it`);
  }
  if (countIds(element.ownerDocument.documentElement!, id) !== 1)
    throw new SamlError("bad_signature", `the ID ${JSON.stringify(id)} occurs more than once in the document`);
  for (const t of Array.from(reference!.getElementsByTagNameNS(NS.dsig, "Transform"))) {
    const algorithm = attr(t, "Algorithm");
    if (algorithm !== TRANSFORM_ENVELOPED && algorithm !== C14N_EXCLUSIVE) {
      throw new SamlError("bad_signature", `transform ${algorithm} is not accepted`);
    }
  }
  const signatureMethod = childrenNamed(signedInfo[0]!, NS.dsig, "SignatureMethod")[0];
  const digestMethod = childrenNamed(reference!, NS.dsig, "DigestMethod")[0];
  const alg = algorithmFor(signatureMethod ? (attr(signatureMethod, "Algorithm") ?? "") : "");
  if (
    !digestMethod ||
    !Object.values(SIGNATURE_ALGORITHMS).some((a) => a.digestUri === attr(digestMethod, "Algorithm"))
  ) {
    throw new SamlError("unsupported_algorithm", "the digest algorithm is not accepted");
  }
  if (certificates.length === 0)
    throw new SamlError("bad_signature", "no certificate is configured to check the signature");

  let signedOctets: string | undefined;
  let failure = "";
  for (const certificate of certificates) {
    const sig = new SignedXml({ publicCert: pemOf(certificate) });
    registerSha384(sig);
    sig.loadSignature(signatureEl);
    try {
      if (sig.checkSignature(xml)) signedOctets = sig.getSignedReferences()[0];
      else failure = "the reference digest does not match";
    } catch (e) {
      failure = (e as Error).message; // e.g. wrong certificate: try the next one
    }
    if (signedOctets) break;
  }
  if (!signedOctets)
    throw new SamlError("bad_signature", `the ${alg.hash} XML signature does not verify: ${failure.slice(0, 200)}`);

  const signed = parseXml(signedOctets);
  if (!isElement(signed, element.namespaceURI ?? "", element.localName) || attr(signed, "ID") !== id) {
    throw new SamlError("bad_signature", `the signed element is not the ${element.localName}`);
  }
  return signed;
}

/** How many elements under (and including) `root` carry ID="id" (iterative: depth is the attacker's). */
function countIds(root: Element, id: string): number {
  let n = 0;
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (attr(el, "ID") === id) n++;
    for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) stack.push(c as Element);
  }
  return n;
}

/** Adds RSA-SHA384 and SHA-384 (verification only), which xml-crypto lacks, to a SignedXml instance. */
export function registerSha384(sig: SignedXml): void {
  const { signatureUri, digestUri } = SIGNATURE_ALGORITHMS.SHA384;
  class RsaSha384 {
    verifySignature = (material: string, key: KeyLike, value: string) =>
      createVerify("RSA-SHA384").update(material).verify(key, value, "base64");
    getAlgorithmName = () => signatureUri;
  }
  class Sha384 {
    getHash = (xml: string) => createHash("sha384").update(xml, "utf8").digest("base64");
    getAlgorithmName = () => digestUri;
  }
  sig.SignatureAlgorithms[signatureUri] = RsaSha384 as unknown as new () => XmlCryptoSignatureAlgorithm;
  sig.HashAlgorithms[digestUri] = Sha384;
}
