"""Ingest: files, directories, stdin, HTML, feeds, JSONL, encodings, normalisation."""

from __future__ import annotations

import io
import random
import shutil
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incidents.errors import InputError
from incidents.ingest import make_article, normalize, read_inputs
from incidents.ingest.feeds import looks_like_feed, slugify
from incidents.ingest.html import extract_html, html_to_text
from incidents.ingest.sources import decode
from incidents.model import Article, Failure

RESOURCES = Path(__file__).parent / "resources" / "ingest"


def read(*inputs: str | Path, **kwargs: object) -> list[Article | Failure]:
    return list(read_inputs([str(i) for i in inputs], **kwargs))  # type: ignore[arg-type]


def only(items: list[Article | Failure]) -> Article | Failure:
    assert len(items) == 1, items
    return items[0]


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# --- normalize ---------------------------------------------------------------------------

def test_normalize_spaces_breaks_and_invisibles() -> None:
    raw = "\ufeffKilled\u00a0in\u2009Kabul\u200b.\r\nLine two \t\rLine\u00adthree\u3000end"
    assert normalize(raw) == "Killed in Kabul.\nLine two\nLinethree end"


def test_normalize_blank_lines_and_strip() -> None:
    assert normalize("\n\n  a\n\n\n\n\n\nb  \n\n") == "a\n\n\nb"
    assert normalize("a\n\nb") == "a\n\nb"
    assert normalize(" \u00a0\n\t ") == ""


def test_normalize_nfc_after_removing_invisibles() -> None:
    # e + ZERO WIDTH SPACE + COMBINING ACUTE: once the ZWSP goes, NFC composes é
    assert normalize("caf" + "e\u200b\u0301") == "caf\u00e9"


def test_normalize_line_separators() -> None:
    assert normalize("a\u2028b\u2029c\x0cd") == "a\nb\n\nc\nd"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_normalize_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


_AWKWARD = st.sampled_from(
    list("\r\n\t \u00a0\u2000\u2001\u200a\u200b\u200d\u202f\u205f\u3000\ufeff\u00ad\u2028"
         "\u2029\x0b\x0c\x85\x00\x1f\u0301\u0308eaAZ.")
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_AWKWARD, max_size=60).map("".join))
def test_normalize_idempotent_on_whitespace_soup(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert "\r" not in once and "\u00a0" not in once and "\ufeff" not in once
    assert once == once.strip()
    assert all(line == line.rstrip() for line in once.split("\n"))
    assert "\n\n\n\n" not in once
    assert unicodedata.is_normalized("NFC", once)


def test_make_article_rejects_non_string() -> None:
    with pytest.raises(InputError, match="x: text must be a string"):
        make_article("x", b"bytes")  # type: ignore[arg-type]


def test_make_article_cleans_title() -> None:
    article = make_article("x", "Body.", title="  Two\n lines\u00a0title ")
    assert article.title == "Two lines title"
    assert article.text == "Body."


# --- text files, stdin --------------------------------------------------------------------

def test_txt_file_is_one_article(tmp_path: Path) -> None:
    path = write(tmp_path, "kabul-blast.txt", "A bomb exploded.\r\n\r\nThree were hurt.\n")
    article = only(read(path))
    assert isinstance(article, Article)
    assert (article.id, article.text, article.source) == (
        "kabul-blast", "A bomb exploded.\n\nThree were hurt.", str(path))


def test_stdin_text_stream() -> None:
    article = only(read("-", stdin=io.StringIO("Gunmen attacked a bus.\n")))
    assert isinstance(article, Article)
    assert (article.id, article.text, article.source) == ("stdin", "Gunmen attacked a bus.", "-")


def test_stdin_binary_stream_is_decoded() -> None:
    article = only(read("-", stdin=io.BytesIO("Caf\u00e9 attacked.".encode("cp1252"))))
    assert isinstance(article, Article)
    assert article.text == "Caf\u00e9 attacked."


def test_stdin_empty_is_a_failure() -> None:
    failure = only(read("-", stdin=io.StringIO("  \n")))
    assert isinstance(failure, Failure)
    assert failure.id == "stdin" and "standard input is empty" in failure.error


def test_missing_file_is_a_failure_and_the_stream_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", "Text.")
    items = read(tmp_path / "missing.txt", good)
    assert isinstance(items[0], Failure) and "no such file or directory" in items[0].error
    assert items[0].id == "missing"
    assert isinstance(items[1], Article) and items[1].id == "good"


# --- encodings and bad files -------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (("Les \u00e9l\u00e8ves ont \u00e9t\u00e9 bless\u00e9s \u00e0 Saint-\u00c9tienne; "
          "\u00abattaque\u00bb \u2014 c\u0153ur."), "cp1252"),
        ("Ein Anschlag in M\u00fcnchen: B\u00fcrger ver\u00e4ngstigt, Stra\u00dfe gesperrt.",
         "latin-1"),
        ("The caf\u00e9 was hit. Police said \u201cno comment\u201d.", "cp1252"),
        (("\u0412\u0437\u0440\u044b\u0432 \u0432 \u041c\u0430\u0445\u0430\u0447\u043a\u0430"
         "\u043b\u0435"), "cp1251"),
        ("Bomb in Kabul.", "utf-16"),
        ("Bomb in Kabul with a BOM.", "utf-8-sig"),
    ],
)
def test_legacy_encodings_decode_right(tmp_path: Path, text: str, encoding: str) -> None:
    article = only(read(write(tmp_path, "legacy.txt", text.encode(encoding))))
    assert isinstance(article, Article)
    assert article.text == text


def test_html_declared_charset_is_honoured() -> None:
    page = ('<html><head><meta charset="windows-1251"></head>'
            '<body>\u0411\u043e\u043c\u0431\u0430</body></html>')
    assert decode(page.encode("cp1251"), "p.html", markup=True) == page


@pytest.mark.parametrize("name", ["blob.txt", "blob.html", "blob.jsonl", "blob.rss"])
def test_binary_file_is_a_failure(tmp_path: Path, name: str) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    failure = only(read(write(tmp_path, name, data)))
    assert isinstance(failure, Failure)
    assert failure.error.endswith("looks like a binary file, not text")
    assert failure.id == "blob"


def test_random_high_bytes_fail_cleanly(tmp_path: Path) -> None:
    rng = random.Random(7)
    data = bytes(rng.randrange(128, 256) for _ in range(4000))
    failure = only(read(write(tmp_path, "noise.txt", data)))
    assert isinstance(failure, Failure)
    assert "cannot determine the text encoding" in failure.error


@pytest.mark.parametrize("name", ["empty.txt", "empty.html", "empty.jsonl", "empty.rss"])
@pytest.mark.parametrize("data", [b"", b" \r\n\t\n"])
def test_empty_file_is_a_failure(tmp_path: Path, name: str, data: bytes) -> None:
    failure = only(read(write(tmp_path, name, data)))
    assert isinstance(failure, Failure)
    assert failure.error == f"{tmp_path / name} is empty"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=600),
       suffix=st.sampled_from([".txt", ".html", ".rss", ".xml", ".jsonl", ".dat"]))
def test_arbitrary_bytes_never_raise(data: bytes, suffix: str) -> None:
    directory = Path(tempfile.mkdtemp())
    try:
        path = directory / f"input{suffix}"
        path.write_bytes(data)
        for item in read_inputs([str(path)]):
            assert isinstance(item, (Article, Failure))
            if isinstance(item, Article):
                assert item.text and item.text == normalize(item.text)
            else:
                assert item.error
    finally:
        shutil.rmtree(directory)


# --- HTML ----------------------------------------------------------------------------------

def test_html_page_main_text_and_metadata() -> None:
    article = only(read(RESOURCES / "page.html"))
    assert isinstance(article, Article)
    assert article.id == "page"
    assert "Gunmen opened fire on a traffic police post in Makhachkala" in article.text
    assert "No organization has claimed responsibility" in article.text
    for boilerplate in ("Cookie settings", "Ten recipes", "Sport"):
        assert boilerplate not in article.text
    assert article.title == "Gunmen attack police post in Dagestan"
    assert article.published == "2024-06-23"
    assert article.author == "Jane Roe"
    assert article.url == "https://news.example.org/world/gunmen-attack-police-post"


def test_broken_html_still_gives_its_text() -> None:
    article = only(read(RESOURCES / "broken.html"))
    assert isinstance(article, Article)
    assert "A bomb exploded near a market in Kabul on Tuesday" in article.text
    assert "three people were hurt in the blast at noon" in article.text
    assert article.title == "Broken page"


def test_html_without_text_is_a_failure() -> None:
    failure = only(read(RESOURCES / "empty-body.html"))
    assert isinstance(failure, Failure)
    assert failure.error.endswith("empty-body.html: no text found in the HTML")


def test_html_falls_back_to_plain_rendering() -> None:
    # a bare fragment: trafilatura finds no article in it, the lxml rendering does
    page = extract_html("<table><tr><td>Gunmen</td><td>killed two</td></tr></table>")
    assert page.text.split() == ["Gunmen", "killed", "two"]


def test_html_to_text_blocks_comments_scripts() -> None:
    html = ("<div>Hello <b>world</b><!-- c -->tail<br>next<p>Para  one\n continues</p>"
            "<script>bad()</script>after<ul><li>a</li><li>b</li></ul></div>")
    assert html_to_text(html) == "Hello worldtail\nnext\nPara one continues\nafter\na\nb"
    assert html_to_text("") == ""
    assert html_to_text("<p>unclosed <b>bold <i>it") == "unclosed bold it"


# --- feeds ---------------------------------------------------------------------------------

def test_rss_items_become_articles() -> None:
    items = read(RESOURCES / "feed.rss")
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Article"]
    first, headline_only, third = items
    assert isinstance(first, Article) and isinstance(third, Article)
    assert first.id == "news.example.org-world-kabul-market-bomb"
    assert first.text == ("A bomb exploded in a market in Kabul on Tuesday, killing three "
                          "people.\nNo group claimed the attack.")
    assert first.title == "Bomb kills three in Kabul market"
    assert first.url == "https://news.example.org/world/kabul-market-bomb"
    assert first.published == "2024-07-02"  # the publisher's local date, not UTC's
    assert first.meta["feed"] == "Example Daily - World"
    assert isinstance(headline_only, Failure)
    assert "feed item 2 has no content or summary" in headline_only.error
    assert third.id == "feed/3" and third.published is None


def test_atom_entry_uses_content_and_guid() -> None:
    article = only(read(RESOURCES / "feed.atom"))
    assert isinstance(article, Article)
    assert article.text == ("Attackers set fire to a church in Derbent on Sunday.\n"
                            "A priest was killed.")
    assert article.title == "Attack on church in Derbent"
    assert article.published == "2024-06-23"
    assert article.url is None  # a tag: guid is not a web address
    assert article.id == "feed/tag-wire.example.org-2024-item-77"


def test_malformed_feed_is_one_failure() -> None:
    failure = only(read(RESOURCES / "broken.xml"))
    assert isinstance(failure, Failure)
    assert failure.id == "broken" and "not a readable RSS/Atom feed" in failure.error


def test_xml_that_is_not_a_feed_is_a_failure() -> None:
    failure = only(read(RESOURCES / "not-a-feed.xml"))
    assert isinstance(failure, Failure) and "not an RSS or Atom feed" in failure.error


def test_feed_content_is_sniffed_in_html_and_unknown_files(tmp_path: Path) -> None:
    feed = (RESOURCES / "feed.atom").read_bytes()
    for name in ("saved.html", "download"):
        article = only(read(write(tmp_path, name, feed)))
        assert isinstance(article, Article) and article.title == "Attack on church in Derbent"


def test_looks_like_feed() -> None:
    assert looks_like_feed('<?xml version="1.0"?>\n<!-- c -->\n<rss version="2.0">')
    assert looks_like_feed('<feed xmlns="http://www.w3.org/2005/Atom">')
    assert looks_like_feed('<rdf:RDF xmlns:rdf="...">')
    assert not looks_like_feed("<html><body>rss</body></html>")
    assert not looks_like_feed("<catalog/>")


def test_slugify_is_short_and_unique() -> None:
    assert slugify("a b/c?d=1") == "a-b-c-d-1"
    long_a, long_b = slugify("x" * 300 + "a"), slugify("x" * 300 + "b")
    assert len(long_a) <= 100 and long_a != long_b


_XML_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs")), max_size=80)


@settings(max_examples=50, deadline=None)
@given(titles=st.lists(_XML_TEXT, min_size=1, max_size=5),
       bodies=st.lists(_XML_TEXT, min_size=1, max_size=5))
def test_generated_rss_feeds_never_raise(titles: list[str], bodies: list[str]) -> None:
    from xml.sax.saxutils import escape

    from incidents.ingest.feeds import parse_feed

    items = "".join(f"<item><title>{escape(t)}</title><description>{escape(b)}</description>"
                    f"</item>" for t, b in zip(titles, bodies, strict=False))
    feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}'
            "</channel></rss>")
    results = list(parse_feed(feed, "f", "f.rss"))
    assert len(results) == min(len(titles), len(bodies))
    for n, (item, body) in enumerate(zip(results, bodies, strict=False), start=1):
        assert item.id == f"f/{n}"
        if isinstance(item, Article):
            assert item.text and item.text == normalize(item.text)
        else:
            assert item.error == f"f.rss: feed item {n} has no content or summary"
        if body.strip() and body.isalnum():  # plain words come through as they are
            assert isinstance(item, Article) and item.text == normalize(body)


# --- JSONL ---------------------------------------------------------------------------------

def test_jsonl_lines_articles_and_failures() -> None:
    items = read(RESOURCES / "articles.jsonl")
    summary = [(type(i).__name__, i.id) for i in items]
    assert summary == [
        ("Article", "a1"), ("Failure", "articles/2"), ("Failure", "articles/3"),
        ("Failure", "articles/5"), ("Failure", "articles/6"), ("Article", "articles/7"),
        ("Failure", "a8"), ("Article", "9"),
    ]
    a1 = items[0]
    assert isinstance(a1, Article)
    assert (a1.title, a1.published, a1.url) == ("Dayton shooting", "2019-08-04",
                                                "https://example.org/a1")
    bad_json = items[2]
    assert isinstance(bad_json, Failure)
    assert bad_json.error.startswith(f"{RESOURCES / 'articles.jsonl'}, line 3: invalid JSON")
    assert "line 2: no text" in items[1].error  # type: ignore[union-attr]
    assert "line 6: expected a JSON object" in items[4].error  # type: ignore[union-attr]
    assert "'published' must be an ISO date" in items[6].error  # type: ignore[union-attr]
    from_html = items[5]
    assert isinstance(from_html, Article)
    assert from_html.text == ("A grenade attack wounded five people in Mogadishu on Friday, "
                              "police said.")
    assert from_html.title == "From HTML" and from_html.meta == {"source_name": "wire"}


def test_jsonl_field_renames() -> None:
    items = read(RESOURCES / "articles.jsonl", fields={"text": "body", "published": "dct"})
    article = items[1]
    assert isinstance(article, Article)
    assert (article.id, article.text, article.published) == (
        "articles/2", "This line uses other field names.", "2015-03-01")
    assert isinstance(items[0], Failure) and "'body'" in items[0].error


def test_jsonl_unknown_field_rename_raises() -> None:
    with pytest.raises(InputError, match="unknown JSONL field 'body'"):
        read_inputs([str(RESOURCES / "articles.jsonl")], fields={"body": "text"})


def test_jsonl_keeps_u2028_inside_strings(tmp_path: Path) -> None:
    path = write(tmp_path, "sep.jsonl", '{"text": "one\u2028two"}\n{"text": "three"}\n')
    items = read(path)
    assert [i.text for i in items if isinstance(i, Article)] == ["one\ntwo", "three"]


def test_jsonl_large_file_streams_and_reports_a_bad_utf8_line(tmp_path: Path) -> None:
    line = '{"text": "' + "x" * 1000 + '"}\n'
    data = (line * 1100).encode() + b'{"text": "caf\xe9"}\n' + line.encode()
    items = read(write(tmp_path, "big.jsonl", data))
    assert len(items) == 1102
    bad = items[1100]
    assert isinstance(bad, Failure) and bad.id == "big/1101" and "not UTF-8" in bad.error
    assert isinstance(items[-1], Article)


# --- directories and ids --------------------------------------------------------------------

def test_directory_walk_order_skips_hidden_and_unknown() -> None:
    items = read(RESOURCES / "mixed")
    assert [(i.id, Path(i.source or "").name) for i in items] == [
        ("a", "a.txt"), ("b", "b.html"), ("mixed/sub/a", "a.txt"),
        ("c/1", "c.jsonl"), ("c/2", "c.jsonl"),
    ]
    assert all(isinstance(i, Article) for i in items)


def test_same_stem_twice_gets_distinct_deterministic_ids(tmp_path: Path) -> None:
    one = write(tmp_path, "x/report.txt", "One.")
    two = write(tmp_path, "y/report.txt", "Two.")
    ids = [i.id for i in read(one, two)]
    assert ids[0] == "report" and ids[1] != "report"
    assert ids == [i.id for i in read(one, two)]
    assert len(set(ids + [i.id for i in read(one, two, one)])) == 3
