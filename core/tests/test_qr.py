import base64
import xml.etree.ElementTree as ET  # parses only SVG we generate ourselves

from core.qr import qr_data_uri, qr_svg


def test_qr_svg_is_a_parseable_svg_document():
    root = ET.fromstring(qr_svg("https://desk.example/track/1405-000123"))  # noqa: S314
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find("{http://www.w3.org/2000/svg}path") is not None


def test_longer_data_gives_a_bigger_symbol():
    small = ET.fromstring(qr_svg("a"))  # noqa: S314
    large = ET.fromstring(qr_svg("x" * 300))  # noqa: S314
    assert int(large.get("viewBox").split()[2]) > int(small.get("viewBox").split()[2])


def test_qr_accepts_persian_text():
    assert qr_svg("نامه شماره ۱۲۳").startswith("<svg")


def test_qr_data_uri_holds_the_same_svg_base64():
    uri = qr_data_uri("abc")
    prefix = "data:image/svg+xml;base64,"
    assert uri.startswith(prefix)
    assert base64.b64decode(uri[len(prefix) :]).decode() == qr_svg("abc")
