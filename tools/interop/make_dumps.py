#!/usr/bin/env python3
"""Third-party producer of cnid-verify signed chip dumps (COSE_Sign1 / ES256).

Written from docs/spec/dump-format.md and docs/spec/card-formats.md section 2 only, with ordinary
libraries (cbor2, cryptography), to show that a reader written in another language produces dumps the
verifier accepts.

    python3 tools/interop/make_dumps.py --out DIR [--read-at UNIX]

Writes DIR/py-y-kid.cose, DIR/py-mainland-kid.cose, DIR/py-y-x5chain.cose, DIR/jwks.json,
DIR/root.pem and DIR/manifest.json. The reader key's private scalar is fixed, so jwks.json is stable;
ECDSA signatures (and so the certificates and dumps) are randomized by the library and differ per run.
TEST DATA ONLY: the keys and certificates here must never be trusted outside tests.
"""

import argparse
import base64
import datetime as dt
import hashlib
import json
import os

import cbor2
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.x509.oid import NameOID

P256_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
DEFAULT_READ_AT = 1780272000  # 2026-06-01T00:00:00Z
KID = "py-interop-reader-1"

# COSE labels and values (RFC 9052 / RFC 9360)
ALG, KID_LABEL, X5CHAIN, ES256, COSE_SIGN1_TAG = 1, 4, 33, -7, 18


def fixed_key(label: str) -> ec.EllipticCurvePrivateKey:
    """A P-256 key whose private scalar is fixed by a label (so the public key never changes)."""
    d = int.from_bytes(hashlib.sha256(label.encode()).digest(), "big") % (P256_N - 1) + 1
    return ec.derive_private_key(d, ec.SECP256R1())


def b64url(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


# ------------------------------------------------------------------------------------------- text

def text_block(fields, marker: str) -> bytes:
    """256-byte UTF-16LE block: every field right-padded with U+0020, type marker at byte 248."""
    buf = bytearray(" ".encode("utf-16-le") * 128)
    for offset, size, value in fields:
        raw = value.encode("utf-16-le")
        if len(raw) > size:
            raise ValueError(f"field at {offset} too long: {value!r}")
        buf[offset:offset + len(raw)] = raw
    m = marker.encode("utf-16-le")
    buf[248:250] = m
    assert len(buf) == 256
    return bytes(buf)


def y_card_block() -> bytes:
    # 2023 Foreign Permanent Resident ID Card (docs/spec/card-formats.md 2.5): NIA specimen data.
    return text_block([
        (0, 30, "证件样本"),            # Chinese name
        (30, 2, "2"),                   # sex (female)
        (32, 4, "00"),                  # renewal count
        (36, 16, "19810803"),           # birth
        (52, 70, "ZHENGJIAN, YANGBEN"), # English name, chars 1-35
        (122, 36, "911124198108030024"),
        (188, 16, "20230915"),
        (204, 16, "20330914"),
        (220, 22, ""),                  # English name continuation (empty)
        (242, 6, "CAN"),
        (250, 6, "000"),                # association item: no earlier number
    ], "Y")


def mainland_block() -> bytes:
    # Mainland resident ID card (docs/spec/card-formats.md 2.2), GB 11643-1999 example number.
    return text_block([
        (0, 30, "互通样本"),
        (30, 2, "2"),
        (32, 4, "01"),
        (36, 16, "19491231"),
        (52, 70, "北京市朝阳区互通测试路2号（测试数据）"),
        (122, 36, "11010519491231002X"),
        (158, 30, "测试公安局（样本）"),
        (188, 16, "20100101"),
        (204, 16, "长期"),
    ], " ")


# ------------------------------------------------------------------------------------------- COSE

def sign1(key, protected: dict, unprotected: dict, payload: dict, aad: bytes = b"") -> bytes:
    prot = cbor2.dumps(protected)
    body = cbor2.dumps(payload)
    to_be_signed = cbor2.dumps(["Signature1", prot, aad, body])
    der = key.sign(to_be_signed, ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    sig = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return cbor2.dumps(cbor2.CBORTag(COSE_SIGN1_TAG, [prot, unprotected, body, sig]))


# ------------------------------------------------------------------------------------------- PKI

def make_pki(read_at: int):
    root_key = fixed_key("cnid-verify interop python root")
    signer_key = fixed_key("cnid-verify interop python signer")
    t = dt.datetime.fromtimestamp(read_at, dt.timezone.utc)

    def name(cn):
        return x509.Name([
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "cnid-verify TEST interop (not for production)"),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ])

    root_name = name("cnid-verify TEST Python Root CA (not for production)")
    root = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(0x5059_0001)
        .not_valid_before(t - dt.timedelta(days=365))
        .not_valid_after(t + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )
    signer = (
        x509.CertificateBuilder()
        .subject_name(name("cnid-verify TEST Python Reader (not for production)"))
        .issuer_name(root_name)
        .public_key(signer_key.public_key())
        .serial_number(0x5059_1001)
        .not_valid_before(t - dt.timedelta(days=30))
        .not_valid_after(t + dt.timedelta(days=730))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )
    return root, signer, signer_key


# ------------------------------------------------------------------------------------------- main

CHECKS = ["ENVELOPE", "PAYLOAD", "ALGORITHM", "SIGNER", "REVOCATION", "SIGNATURE", "FRESHNESS",
          "NONCE", "CARD_LAYOUT", "CARD_NUMBER", "CARD_CONSISTENCY", "CARD_VALIDITY"]


def entry(file, description, read_at, at, nonce, card, warnings=()):
    checks = {c: "passed" for c in CHECKS}
    if nonce is None:
        checks["NONCE"] = "skipped"
    return {
        "file": file,
        "description": description,
        "trust": {"jwks": ["jwks.json"], "certificates": ["root.pem"], "revokedKids": [], "revokedSerials": []},
        "options": {
            "at": at,
            "expectedNonceHex": nonce.hex() if nonce is not None else None,
            "maxAgeSeconds": 600,
            "externalAadHex": None,
        },
        "readAt": read_at,
        "expected": "accepted",
        "failedChecks": [],
        "warnings": list(warnings),
        "checks": checks,
        "card": card,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--read-at", type=int, default=DEFAULT_READ_AT, help="readAt, Unix seconds (UTC)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    read_at, at = args.read_at, args.read_at + 60

    reader = fixed_key("cnid-verify interop python reader 1")
    nums = reader.public_key().public_numbers()
    jwks = {"keys": [{
        "kty": "EC", "crv": "P-256", "kid": KID,
        "x": b64url(nums.x.to_bytes(32, "big")), "y": b64url(nums.y.to_bytes(32, "big")),
    }]}
    root, signer, signer_key = make_pki(read_at)

    y_text, ml_text = y_card_block(), mainland_block()
    nonce = hashlib.sha256(b"cnid-verify interop nonce").digest()[:12]
    photo = hashlib.sha256(b"interop photo").digest() * 32           # 1024 bytes
    fingerprint = hashlib.sha256(b"interop fingerprint").digest() * 32  # 1024 bytes
    protected = {ALG: ES256}

    dumps = {
        "py-y-kid.cose": sign1(reader, protected, {KID_LABEL: KID.encode()},
                               {0: 1, 1: y_text, 4: read_at, 5: nonce, 6: "PY-INTEROP-READER"}),
        "py-mainland-kid.cose": sign1(reader, protected, {KID_LABEL: KID.encode()},
                                      {0: 1, 1: ml_text, 2: photo, 3: fingerprint, 4: read_at}),
        "py-y-x5chain.cose": sign1(signer_key, protected,
                                   {X5CHAIN: [signer.public_bytes(serialization.Encoding.DER)]},
                                   {0: 1, 1: y_text, 4: read_at, 7: bytes(range(1, 25))}),
    }
    for name, data in dumps.items():
        with open(os.path.join(args.out, name), "wb") as f:
            f.write(data)
    with open(os.path.join(args.out, "jwks.json"), "w") as f:
        json.dump(jwks, f, indent=2)
        f.write("\n")
    with open(os.path.join(args.out, "root.pem"), "wb") as f:
        f.write(root.public_bytes(serialization.Encoding.PEM))

    y_card = {"layout": "fpr2023", "marker": "Y", "number": "911124198108030024"}
    ml_card = {"layout": "mainland", "marker": " ", "number": "11010519491231002X"}
    manifest = [
        entry("py-y-kid.cose", "Python-made 2023 FPR dump, kid in the unprotected header, nonce and readerId",
              read_at, at, nonce, y_card),
        entry("py-mainland-kid.cose", "Python-made mainland dump (长期) with photo and fingerprint blocks",
              read_at, at, None, ml_card),
        entry("py-y-x5chain.cose", "Python-made 2023 FPR dump, x5chain [signer] issued by root.pem, chipSerial",
              read_at, at, None, y_card),
    ]
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(dumps)} dumps, jwks.json, root.pem and manifest.json to {args.out}")


if __name__ == "__main__":
    main()
