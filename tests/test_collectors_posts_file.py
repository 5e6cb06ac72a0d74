"""collectors.posts_file: CSV and JSONL exports from other tools, every problem reported with its line.

The files are written byte by byte in tmp_path, because the point is how real exports look: Excel's
semicolons and cp1252, a UTF-8 byte-order mark, quoted text running over several lines.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from collectors.posts_file import FIELDS, PostsFileError, read_posts
from conftest import NOW
from mention import COLLECTED, make_id, validate


def write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


COMMA_CSV = (
    b"id,title,text,url,author,source,published,channel\r\n"
    b'p1,Pension credit,"Is the deadline\r\nreally March, or April?",https://forum.example/t/1,Ann,Money Forum,'
    b"2025-10-01T10:00:00Z,forum\r\n"
    b"p2,,Winter fuel payment is ending,,Bob,,2025-10-02 08:15:00+01:00,\r\n"
)


def test_a_comma_csv_with_a_quoted_multi_line_text(tmp_path: Path) -> None:
    posts = read_posts(write(tmp_path, "export.csv", COMMA_CSV), NOW)

    assert posts.problems == []
    assert posts.ids == ["p1", "p2"]
    frame = validate(posts.frame, "export.csv")
    first, second = frame.iloc[0], frame.iloc[1]
    assert first["text"] == "Is the deadline\r\nreally March, or April?"
    assert first["title"] == "Pension credit" and first["author"] == "Ann"
    assert first["url"] == "https://forum.example/t/1" and first["source"] == "Money Forum"
    assert first["channel"] == "forum"
    assert first["published_at"] == pd.Timestamp("2025-10-01 10:00", tz="UTC")
    assert first["mention_id"] == make_id("https://forum.example/t/1#p1", "export.csv:p1")
    assert second["title"] == "" and second["text"] == "Winter fuel payment is ending"
    assert second["url"] == "post:p2" and second["source"] == "export.csv" and second["channel"] == "social"
    assert second["published_at"] == pd.Timestamp("2025-10-02 07:15", tz="UTC")
    assert (frame["collected_at"] == NOW).all()
    assert list(frame.columns) == list(COLLECTED)


def test_a_semicolon_csv_from_excel_with_commas_in_the_text(tmp_path: Path) -> None:
    content = ("id;title;text;author\n"
               "7;Triple lock;Up 4.1%, from April, say the papers;Cat\n"
               "8;Cost of living;Payments of £300, £150 and £299, paid in 2024;Dan\n")
    posts = read_posts(write(tmp_path, "excel.csv", content.encode("utf-8")), NOW)

    assert posts.problems == []
    assert posts.frame["title"].tolist() == ["Triple lock", "Cost of living"]
    assert posts.frame["text"].tolist() == ["Up 4.1%, from April, say the papers",
                                            "Payments of £300, £150 and £299, paid in 2024"]
    assert posts.frame["author"].tolist() == ["Cat", "Dan"]


def test_a_utf8_byte_order_mark_does_not_hide_the_id_column(tmp_path: Path) -> None:
    content = "\ufeffid,title,text\n1,Crédit d’impôt,Œuvre\n".encode("utf-8")
    assert content.startswith(b"\xef\xbb\xbf")

    posts = read_posts(write(tmp_path, "bom.csv", content), NOW)

    assert posts.ids == ["1"]
    assert posts.frame.iloc[0]["title"] == "Crédit d’impôt" and posts.frame.iloc[0]["text"] == "Œuvre"


def test_cp1252_bytes_are_read_as_excel_wrote_them(tmp_path: Path) -> None:
    content = "id,title,text\n5,Café – “quotes”,£100 a week\n".encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")

    posts = read_posts(write(tmp_path, "windows.csv", content), NOW)

    assert posts.problems == []
    assert posts.frame.iloc[0]["title"] == "Café – “quotes”"
    assert posts.frame.iloc[0]["text"] == "£100 a week"


def test_headers_are_matched_whatever_their_case_and_spacing(tmp_path: Path) -> None:
    posts = read_posts(write(tmp_path, "caps.csv", b" ID , Title ,TEXT\n9,Hello,World\n"), NOW)
    assert posts.ids == ["9"] and posts.frame.iloc[0]["title"] == "Hello"


def test_a_csv_without_an_id_column_names_the_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "no_id.csv", b"post_id,title,text\n1,a,b\n")

    with pytest.raises(PostsFileError) as caught:
        read_posts(path, NOW)

    message = str(caught.value)
    assert message == (f"{path}: line 1: no 'id' column (found: post_id, title, text); "
                       f"expected columns {', '.join(FIELDS)}")


def test_a_missing_file_is_a_posts_file_error(tmp_path: Path) -> None:
    with pytest.raises(PostsFileError, match="file not found"):
        read_posts(tmp_path / "nowhere.csv", NOW)


def test_duplicate_ids_are_reported_and_skipped(tmp_path: Path) -> None:
    content = b"id,title,text\n1,First,kept\n2,Second,kept\n1,First again,skipped\n"
    posts = read_posts(write(tmp_path, "dups.csv", content), NOW)

    assert posts.ids == ["1", "2"]
    assert posts.frame["title"].tolist() == ["First", "Second"]
    assert posts.problems == ["dups.csv: line 4: id '1' repeats an earlier row; row skipped"]


def test_rows_without_id_or_words_are_reported_and_skipped(tmp_path: Path) -> None:
    content = b"id,title,text\n,No id,text\n3,,\n4,Fine,\n"
    posts = read_posts(write(tmp_path, "gaps.csv", content), NOW)

    assert posts.ids == ["4"]
    assert posts.problems == ["gaps.csv: line 2: missing id; row skipped",
                              "gaps.csv: line 3: no title or text; row skipped"]


def test_an_unparseable_published_date_is_reported_and_the_row_kept(tmp_path: Path) -> None:
    content = b"id,title,text,published\n1,Dated,x,2025-10-03\n2,Undated,y,next Tuesday\n"
    posts = read_posts(write(tmp_path, "dates.csv", content), NOW)

    assert posts.ids == ["1", "2"]
    assert posts.problems == ["dates.csv: line 3: published 'next Tuesday' is not a date; using the time of analysis"]
    assert posts.frame["published_at"].tolist() == [pd.Timestamp("2025-10-03", tz="UTC"), NOW]


def test_a_uk_spreadsheet_date_is_read_day_first(tmp_path: Path) -> None:
    """01/10/2025 from a UK export is 1 October, not 10 January; ISO dates keep their meaning."""
    content = b"id,title,text,published\n1,a,x,01/10/2025\n2,b,y,25/10/2025 14:30\n3,c,z,2025-10-01\n"
    posts = read_posts(write(tmp_path, "uk.csv", content), NOW)

    assert posts.problems == []
    assert posts.frame["published_at"].tolist() == [pd.Timestamp("2025-10-01", tz="UTC"),
                                                     pd.Timestamp("2025-10-25 14:30", tz="UTC"),
                                                     pd.Timestamp("2025-10-01", tz="UTC")]


JSONL = (
    b'{"id": "a1", "title": "Universal Credit", "text": "When is the payment?", "author": "Eve", "channel": "forum"}\n'
    b'{"id": "a2", "title": "Broken line", \n'
    b"\n"
    b'["an", "array", "not", "an", "object"]\n'
    b'{"id": 42, "text": "A number id still counts", "published": "2025-09-30T12:00:00+00:00", "channel": "radio"}\n'
)


def test_jsonl_keeps_good_rows_and_reports_bad_lines_by_number(tmp_path: Path) -> None:
    posts = read_posts(write(tmp_path, "export.jsonl", JSONL), NOW)

    assert posts.ids == ["a1", "42"]
    assert posts.problems == [
        "export.jsonl: line 2: not valid JSON (Expecting property name enclosed in double quotes at column 38)",
        "export.jsonl: line 4: not a JSON object",
    ]
    frame = validate(posts.frame, "export.jsonl")
    assert frame["title"].tolist() == ["Universal Credit", ""]
    assert frame["author"].tolist()[0] == "Eve"
    assert frame["channel"].tolist() == ["forum", "social"]  # an unknown channel falls back to social
    assert frame["published_at"].tolist() == [NOW, pd.Timestamp("2025-09-30 12:00", tz="UTC")]


def test_the_same_file_read_twice_gives_the_same_ids(tmp_path: Path) -> None:
    path = write(tmp_path, "export.csv", COMMA_CSV)
    assert read_posts(path, NOW).frame["mention_id"].tolist() == read_posts(path, NOW).frame["mention_id"].tolist()
