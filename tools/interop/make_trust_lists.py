#!/usr/bin/env python3
"""Third-party producer of cnid-verify signed trust lists (COSE_Sign1 / ES256).

Written from docs/spec/trust-list.md only, with ordinary libraries (cbor2, cryptography), to show that
an operator's tooling in another language produces lists the verifier accepts, and that it rejects
tampered, expired, rolled-back, conflicting and wrongly signed ones with the spec's codes.

    python3 tools/interop/make_trust_lists.py --dir DIR [--at UNIX]

DIR must hold jwks.json (the reader keys, written by make_dumps.py); the lists carry that JWK set.
Writes DIR/list-signers.jwks.json (the pinned list-signing key), the lists DIR/list-*.cose and
DIR/lists.json: cases of steps on a fresh store (each list accepted or rejected with a code) and the
verdict on DIR/py-y-kid.cose afterwards. TEST DATA ONLY: the keys here must never be trusted.
"""

import argparse
import json
import os

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

# The dump producer's key and base64url helpers (same oracle, same test-key derivation).
from make_dumps import b64url, fixed_key
DEFAULT_AT = 1780272060  # the interop dumps' verification time (readAt + 60 s)
CONTENT_TYPE = "application/vnd.cnid.trust-list+cbor"  # spec 1
LIST_ID = "py-interop-readers-TEST"
SIGNER_KID = "py-list-signer-TEST"
READER_KID = "py-interop-reader-1"  # the kid of the reader key in jwks.json (make_dumps.py)


def public_jwk(key, kid: str) -> dict:
    n = key.public_key().public_numbers()
    return {"kty": "EC", "crv": "P-256", "x": b64url(n.x.to_bytes(32, "big")), "y": b64url(n.y.to_bytes(32, "big")),
            "kid": kid, "alg": "ES256", "use": "sig"}


def sign_list(key, payload: dict, content_type=CONTENT_TYPE, kid=SIGNER_KID) -> bytes:
    """Spec 1: protected {1: -7, 3: content type, 4: kid}; Sig_structure with empty external_aad; r || s."""
    protected = {1: -7, 4: kid.encode()}
    if content_type is not None:
        protected[3] = content_type
    prot = cbor2.dumps(protected)
    body = cbor2.dumps(payload)
    der = key.sign(cbor2.dumps(["Signature1", prot, b"", body]), ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    return cbor2.dumps(cbor2.CBORTag(18, [prot, {}, body, r.to_bytes(32, "big") + s.to_bytes(32, "big")]))


def payload(sequence: int, at: int, jwks_text=None, revoked_kids=(), expires_in=30 * 86400) -> dict:
    """Spec 2: 0 version, 1 listId, 2 sequence, 3 issuedAt, 4 expiresAt, 5 jwks, 7 revokedKids."""
    p = {0: 1, 1: LIST_ID, 2: sequence, 3: at - 3600, 4: at + expires_in}
    if jwks_text is not None:
        p[5] = jwks_text
    if revoked_kids:
        p[7] = list(revoked_kids)
    return p


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", required=True, help="directory with make_dumps.py's output; lists are written there")
    ap.add_argument("--at", type=int, default=DEFAULT_AT, help="verification time, Unix seconds (UTC)")
    args = ap.parse_args()
    at = args.at
    with open(os.path.join(args.dir, "jwks.json")) as f:
        readers = f.read()
    signer = fixed_key("py-interop-list-signer-TEST")
    other = fixed_key("py-interop-someone-else-TEST")
    empty = json.dumps({"keys": []})

    lists = {
        "list-v1.cose": sign_list(signer, payload(1, at, readers)),
        "list-v2-no-keys.cose": sign_list(signer, payload(2, at, empty)),
        "list-v3-revokes.cose": sign_list(signer, payload(3, at, readers, revoked_kids=[READER_KID])),
        "list-v1-other-content.cose": sign_list(signer, payload(1, at, empty)),
        "list-expired.cose": sign_list(signer, payload(4, at - 40 * 86400, readers)),
        "list-wrong-signer.cose": sign_list(other, payload(5, at, readers), kid="py-someone-else-TEST"),
        "list-forged-kid.cose": sign_list(other, payload(5, at, readers)),
        "list-no-content-type.cose": sign_list(signer, payload(6, at, readers), content_type=None),
    }
    tampered = bytearray(lists["list-v1.cose"])
    tampered[-80] ^= 0x01  # a byte inside the payload's JWK text: the signature no longer verifies
    lists["list-tampered.cose"] = bytes(tampered)
    for name, data in lists.items():
        with open(os.path.join(args.dir, name), "wb") as f:
            f.write(data)
    with open(os.path.join(args.dir, "list-signers.jwks.json"), "w") as f:
        json.dump({"keys": [public_jwk(signer, SIGNER_KID)]}, f, indent=2)
        f.write("\n")

    ok = "accepted"
    cases = [
        {"name": "a list trusts its reader keys", "steps": [["list-v1.cose", ok]], "dump": "ok", "trustList": [LIST_ID, 1]},
        {"name": "a newer version without the key drops it", "steps": [["list-v1.cose", ok], ["list-v2-no-keys.cose", ok]], "dump": "SIGNER"},
        {"name": "a newer version revokes the kid", "steps": [["list-v1.cose", ok], ["list-v3-revokes.cose", ok]], "dump": "REVOCATION"},
        {"name": "an older version after a newer one", "steps": [["list-v2-no-keys.cose", ok], ["list-v1.cose", "TRUST_LIST_ROLLBACK"]], "dump": "SIGNER"},
        {"name": "the same sequence with other content", "steps": [["list-v1.cose", ok], ["list-v1-other-content.cose", "TRUST_LIST_CONFLICT"]], "dump": "ok"},
        {"name": "the same version twice", "steps": [["list-v1.cose", ok], ["list-v1.cose", ok]], "dump": "ok"},
        {"name": "tampered", "steps": [["list-tampered.cose", "TRUST_LIST_SIGNATURE"]], "dump": "SIGNER"},
        {"name": "expired", "steps": [["list-expired.cose", "TRUST_LIST_EXPIRED"]], "dump": "SIGNER"},
        {"name": "signed by a key that is not a list signer", "steps": [["list-wrong-signer.cose", "TRUST_LIST_SIGNER"]], "dump": "SIGNER"},
        {"name": "another key under the list signer's kid", "steps": [["list-forged-kid.cose", "TRUST_LIST_SIGNATURE"]], "dump": "SIGNER"},
        {"name": "no content type", "steps": [["list-no-content-type.cose", "TRUST_LIST_MALFORMED"]], "dump": "SIGNER"},
    ]
    manifest = {"at": at, "signers": "list-signers.jwks.json", "dumpFile": "py-y-kid.cose", "cases": cases}
    with open(os.path.join(args.dir, "lists.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print(f"make_trust_lists: {len(lists)} lists and lists.json in {args.dir}")


if __name__ == "__main__":
    main()
