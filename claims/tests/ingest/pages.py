"""Pages the test server serves. All invented for these tests."""

from __future__ import annotations

ARTICLE_TITLE = "Harbour dredging bill nearly doubles"

ARTICLE_HTML = b"""<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Harbour dredging bill nearly doubles | Coastline Courier</title>
<meta name="author" content="Mara Quill; Tobias Fenwick">
<meta property="og:site_name" content="Coastline Courier">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
<link rel="canonical" href="http://public.test/news/harbour-dredging">
<script>window.tracker = "should never appear";</script>
<style>p { color: teal }</style>
</head>
<body>
<nav><a href="/">Front page</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Harbour dredging bill nearly doubles</h1>
<p>The port board said on Tuesday that clearing the outer channel will cost 14.2 million euros,
close to twice the sum it gave councillors last spring.</p>
<p>Engineers blamed silt washed down by two wet winters, which left about 380,000 cubic metres
of sediment across the approaches.</p>
<ul><li>Tugs on standby: 12</li><li>Cranes idle: 7</li></ul>
<p>Pilots logged 23 groundings in the past twelve months, against 9 a year earlier.</p>
</article>
<footer>Coastline Courier, all rights reserved</footer>
</body>
</html>
"""

PLAIN_TEXT = (
    "Allotment waiting list grows\r\n"
    "\r\n"
    "The parish council counted 312 households waiting for a plot in June,\r\n"
    "up from 240 the year before.\r\n"
)

# Declares UTF-8, but carries stray bytes that are not UTF-8 (\xff, a lone \xe9).
INVALID_UTF8_HTML = (
    b"<!doctype html><html><head><meta charset='utf-8'><title>Cheese exports</title></head>"
    b"<body><article><p>Caf\xe9 owners in the valley sold 1,250 wheels of cheese abroad last "
    b"year, a record for the cooperative \xff\xfe according to its accounts.</p>"
    b"<p>Exports to the north rose by a third while home sales were flat.</p>"
    b"</article></body></html>"
)

WINDOWS_1252_HTML = (
    "<!doctype html><html><head><meta charset='windows-1252'><title>Caf\u00e9 prices</title>"
    "</head><body><article><p>A caf\u00e9 cr\u00e8me in the old town now costs \u20ac3.40, "
    "up from \u20ac2.90 in the spring \u2013 the owners blame the price of milk.</p>"
    "</article></body></html>"
).encode("cp1252")

EMPTY_ARTICLE_HTML = b"""<!doctype html><html><head><title>Nothing to read</title>
<script>var app = {};</script></head>
<body><nav><a href="/">Home</a> <a href="/about">About us</a></nav>
<div id="app"></div>
<footer>Copyright the publisher</footer></body></html>"""

HOSTILE_HTML = b"""<!doctype html><html><head><title>Budget vote delayed</title>
<script>fetch('/steal?c=' + document.cookie)</script>
<script src="https://evil.example/x.js"></script>
<style>body { background: url(javascript:alert(1)) }</style>
<meta http-equiv="refresh" content="0;url=javascript:alert(2)">
</head>
<body onload="alert(3)">
<article>
<h1 onmouseover="alert(4)">Budget vote delayed</h1>
<p>The town council postponed its budget vote for 14 days after 6 members asked for more time.
<img src="x" onerror="alert(5)"></p>
<p hx-get="/claims/1/delete" hx-trigger="load" hx-target="body">The draft plan sets aside
2.5 million pounds for road repairs and 800,000 pounds for libraries.</p>
<iframe src="javascript:alert(6)"></iframe>
<svg onload="alert(7)"><script>alert(8)</script></svg>
<p><a href="javascript:alert(9)">Read the plan</a> before the meeting on 3 May.</p>
<noscript><img src=x onerror=alert(10)></noscript>
<script>document.write('<p>injected paragraph</p>')</script>
</article>
</body></html>
"""


def make_pdf(lines: list[str]) -> bytes:
    """A minimal, valid one-page PDF whose text layer holds ``lines`` (ASCII only)."""
    text_ops = ["BT", "/F1 12 Tf", "72 720 Td", "14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        text_ops.append(f"({escaped}) Tj T*")
    text_ops.append("ET")
    stream = "\n".join(text_ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Title (Ferry fares) /Author (Ines Calder) /CreationDate (D:20240412090000Z) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref_at = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\n"
        f"startxref\n{xref_at}\n%%EOF\n"
    ).encode()
    return bytes(out)


def _pdf_file(objects: list[bytes], *, info: int | None = None) -> bytes:
    """A PDF file around numbered objects (1 is the catalogue), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref_at = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    extra = f" /Info {info} 0 R" if info else ""
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{extra} >>\nstartxref\n{xref_at}\n%%EOF\n"
    ).encode()
    return bytes(out)


def make_pdf_bomb(*, pages: int = 100, spaces: int = 70 * 1024 * 1024) -> bytes:
    """A decompression bomb: every page draws one shared FlateDecode stream holding a line of
    text and then ``spaces`` spaces (70 MB by default, which zlib packs into ~70 KB).

    With 100 pages the file is about 78 KB; pypdf needs several seconds per page for it.
    """
    import zlib

    content = zlib.compress(b"BT /F1 12 Tf 72 720 Td (Harbour dues) Tj ET\n" + b" " * spaces, 9)
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> "
        ">>".encode(),
        b"<< /Length "
        + str(len(content)).encode()
        + b" /Filter /FlateDecode >>\nstream\n"
        + content
        + b"\nendstream",
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>"] * pages
    return _pdf_file(objects)


def encrypt_pdf(data: bytes, *, algorithm: str = "AES-256", user_password: str = "") -> bytes:
    """``data`` encrypted the way report PDFs often are: an owner password that restricts
    copying or printing, and (unless ``user_password`` is given) no password to open it."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
