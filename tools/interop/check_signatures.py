#!/usr/bin/env python3
"""Cross-check the native fixtures' signatures with a second ECDSA implementation (OpenSSL, through
`cryptography`) and a second CBOR decoder (`cbor2`).

    python3 tools/interop/check_signatures.py tests/fixtures

For every dump in dumps/manifest.json whose envelope decodes and whose SIGNATURE check the manifest
says runs (not skipped), this rebuilds Sig_structure = ["Signature1", protected, external_aad, payload],
takes the key from the x5chain signer certificate or from the kid's JWK in trust/test-jwks.json, and
checks that the signature verifies exactly when the manifest says SIGNATURE passes.
"""

import base64
import json
import sys
from pathlib import Path

import cbor2
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


def b64u(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def main(root: Path) -> int:
    manifest = json.loads((root / "dumps/manifest.json").read_text())
    jwks = json.loads((root / "trust/test-jwks.json").read_text())
    keys = {
        k["kid"]: ec.EllipticCurvePublicNumbers(
            int.from_bytes(b64u(k["x"]), "big"), int.from_bytes(b64u(k["y"]), "big"), ec.SECP256R1()
        ).public_key()
        for k in jwks["keys"] if k["kty"] == "EC"
    }
    ok = bad = 0
    for e in manifest:
        state = e["checks"]["SIGNATURE"]
        if state == "skipped":
            continue
        msg = cbor2.loads((root / "dumps" / e["file"]).read_bytes())
        if isinstance(msg, cbor2.CBORTag):
            msg = msg.value
        prot_bytes, unprot, payload, sig = msg
        prot = cbor2.loads(prot_bytes) if prot_bytes else {}
        if 33 in unprot:
            chain = unprot[33]
            pub = x509.load_der_x509_certificate(chain if isinstance(chain, bytes) else chain[0]).public_key()
        else:
            pub = keys[(prot.get(4) or unprot.get(4)).decode()]
        aad = bytes.fromhex(e["options"]["externalAadHex"] or "")
        tbs = cbor2.dumps(["Signature1", prot_bytes, aad, payload])
        r, s = int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big")
        good = 0 < r < N and 0 < s < N
        if good:
            try:
                pub.verify(encode_dss_signature(r, s), tbs, ec.ECDSA(hashes.SHA256()))
            except InvalidSignature:
                good = False
        if good == (state == "passed"):
            ok += 1
        else:
            bad += 1
            print(f"MISMATCH {e['file']}: signature {'verifies' if good else 'fails'}, manifest says {state}")
    print(f"{ok} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures")))
