import base64

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.core.exceptions import ImproperlyConfigured

from core import signing

PAYLOAD = {"tracking_code": "1405-000123", "decision": "approved", "amount": 1500000}


def test_signature_round_trip_verifies():
    assert signing.verify(PAYLOAD, signing.sign(PAYLOAD)) is True


def test_key_order_does_not_change_the_signature():
    reordered = dict(reversed(list(PAYLOAD.items())))
    assert signing.sign(reordered) == signing.sign(PAYLOAD)


def test_tampered_payload_fails():
    signature = signing.sign(PAYLOAD)
    assert signing.verify({**PAYLOAD, "decision": "rejected"}, signature) is False


def test_tampered_signature_fails():
    raw = bytearray(base64.urlsafe_b64decode(signing.sign(PAYLOAD) + "=="))
    raw[0] ^= 1
    tampered = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    assert signing.verify(PAYLOAD, tampered) is False


@pytest.mark.parametrize("garbage", ["", "!!!not base64!!!", "abc", "A" * 200, None, 12345, "۱۲۳"])
def test_garbage_signature_returns_false(garbage):
    assert signing.verify(PAYLOAD, garbage) is False


def test_unserialisable_payload_returns_false_on_verify():
    assert signing.verify({"when": object()}, signing.sign(PAYLOAD)) is False


def test_persian_text_in_payload_round_trips():
    payload = {"name": "گواهی‌نامه صدور مجوز", "unit": "اداره کل"}
    signature = signing.sign(payload)
    assert signing.verify(payload, signature) is True
    assert signing.verify({**payload, "unit": "اداره کل "}, signature) is False


def test_canonical_json_is_compact_sorted_utf8():
    assert signing.canonical_json({"b": "ب", "a": 1}) == '{"a":1,"b":"ب"}'.encode()


def test_signature_is_base64url_without_padding():
    signature = signing.sign(PAYLOAD)
    assert set(signature) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert len(base64.urlsafe_b64decode(signature + "==")) == 64


def test_published_public_key_verifies_independently():
    public_key = serialization.load_pem_public_key(signing.public_key_pem().encode())
    assert isinstance(public_key, Ed25519PublicKey)
    public_key.verify(base64.urlsafe_b64decode(signing.sign(PAYLOAD) + "=="), signing.canonical_json(PAYLOAD))


def test_verify_with_another_public_key_fails():
    other = Ed25519PrivateKey.generate().public_key()
    pem = other.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    assert signing.verify(PAYLOAD, signing.sign(PAYLOAD), public_key_pem=pem) is False


def test_configured_base64_key_is_used(settings):
    settings.DESK_SIGNING_KEY = signing.generate_key()
    expected = Ed25519PrivateKey.from_private_bytes(base64.b64decode(settings.DESK_SIGNING_KEY)).public_key()
    public_key = serialization.load_pem_public_key(signing.public_key_pem().encode())
    assert public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw) == expected.public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )


def test_configured_pem_key_is_used(settings):
    private = Ed25519PrivateKey.generate()
    settings.DESK_SIGNING_KEY = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    signature = signing.sign(PAYLOAD)
    private.public_key().verify(base64.urlsafe_b64decode(signature + "=="), signing.canonical_json(PAYLOAD))


def test_key_from_environment_is_used(settings, monkeypatch):
    settings.DESK_SIGNING_KEY = ""
    key = signing.generate_key()
    monkeypatch.setenv("DESK_SIGNING_KEY", key)
    expected = Ed25519PrivateKey.from_private_bytes(base64.b64decode(key)).public_key()
    assert (
        signing.verify(
            PAYLOAD,
            signing.sign(PAYLOAD),
            public_key_pem=expected.public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            ).decode(),
        )
        is True
    )


def test_signatures_from_another_key_do_not_verify(settings):
    settings.DESK_SIGNING_KEY = signing.generate_key()
    signature = signing.sign(PAYLOAD)
    settings.DESK_SIGNING_KEY = signing.generate_key()
    assert signing.verify(PAYLOAD, signature) is False


def test_development_key_is_derived_deterministically_from_secret_key(settings, monkeypatch):
    monkeypatch.delenv("DESK_SIGNING_KEY", raising=False)
    settings.DESK_SIGNING_KEY = ""
    settings.SECRET_KEY = "secret-one"
    first = signing.key_id()
    settings.SECRET_KEY = "secret-two"
    second = signing.key_id()
    settings.SECRET_KEY = "secret-one"
    assert signing.key_id() == first != second


def test_key_id_is_16_hex_digits():
    kid = signing.key_id()
    assert len(kid) == 16 and int(kid, 16) >= 0


@pytest.mark.parametrize("bad", ["not-base64-@@@", base64.b64encode(b"short").decode()])
def test_malformed_configured_key_is_a_configuration_error(settings, bad):
    settings.DESK_SIGNING_KEY = bad
    with pytest.raises(ImproperlyConfigured):
        signing.sign(PAYLOAD)


def test_generate_key_returns_distinct_32_byte_keys():
    first, second = signing.generate_key(), signing.generate_key()
    assert first != second
    assert len(base64.b64decode(first)) == 32
