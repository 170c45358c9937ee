"""The article lookup by a substring of the description, through the trigram index of
migration 0006 (FTS5 on SQLite, pg_trgm on PostgreSQL), on both engines."""

from __future__ import annotations

from gamma import db, lookups, schema
from gamma.master import article_lookup, articles
from tests.test_articles import ctx, make  # noqa: F401  (ctx is a fixture)


def codes(ctx, typed, **filters):
    return [r["code"] for r in lookups.get("article").search(ctx, typed, filters, 50)]


def test_a_substring_inside_a_word_is_found_in_any_case(ctx):
    make(ctx, "RAC12", "Raccordo ottone 1/2", family="FER")
    make(ctx, "RAC34", "Raccordo OTTONE 3/4", family="ALI")
    make(ctx, "TUBO", "Tubo rame 22")
    assert codes(ctx, "tone") == ["RAC12", "RAC34"]
    assert codes(ctx, "TONE") == ["RAC12", "RAC34"]
    assert codes(ctx, "do ott") == ["RAC12", "RAC34"]  # across words
    assert codes(ctx, "tone", family="ALI") == ["RAC34"]
    assert codes(ctx, "1/2") == ["RAC12"]
    assert codes(ctx, "me") == ["TUBO"]  # 2 characters: below the trigram, still found
    assert codes(ctx, "xyz") == []


def test_quotes_and_wildcards_in_the_typed_text_are_plain_characters(ctx):
    make(ctx, "VITE", 'Vite "TE" 5%')
    make(ctx, "DADO", "Dado TE 5")
    assert codes(ctx, '"te"') == ["VITE"]
    assert codes(ctx, 'e "t') == ["VITE"]
    assert codes(ctx, "te 5") == ["DADO"]


def test_accented_text_is_found(ctx):
    make(ctx, "CAF1", "Caffè in grani 1 kg")
    make(ctx, "CAF2", "Caffe solubile")
    assert codes(ctx, "caffè") == ["CAF1"]
    assert codes(ctx, "FFÈ") == ["CAF1"]
    assert codes(ctx, "caffe") == ["CAF2"]


def test_the_index_follows_changes_and_deletions(ctx):
    make(ctx, "RAC12", "Raccordo ottone 1/2")
    make(ctx, "RAC34", "Raccordo ottone 3/4")
    assert codes(ctx, "ottone") == ["RAC12", "RAC34"]
    articles.save_from_form(ctx, {"description": "Raccordo acciaio 1/2", "unit": "NR",
                                  "vat_code": "22"}, code="RAC12")
    assert codes(ctx, "ottone") == ["RAC34"]
    assert codes(ctx, "acciaio") == ["RAC12"]
    articles.delete(ctx, "RAC34")
    assert codes(ctx, "ottone") == []
    assert codes(ctx, "raccordo") == ["RAC12"]


def test_the_sqlite_index_is_put_back_when_a_table_rebuild_lost_its_triggers(ctx, engine):
    if engine != "sqlite":
        return  # PostgreSQL keeps its index through ALTER TABLE
    database = db.current()
    make(ctx, "RAC12", "Raccordo ottone 1/2")
    # What a later migration rebuilding the article table (copy, drop, rename) leaves.
    for trigger in ("article_fts_insert", "article_fts_delete", "article_fts_update"):
        database.execute_sql(f"DROP TRIGGER {trigger}")
    make(ctx, "RAC34", "Raccordo ottone 3/4")
    assert codes(ctx, "ottone") == ["RAC12"]
    schema.upgrade(database)
    assert codes(ctx, "ottone") == ["RAC12", "RAC34"]
    make(ctx, "RAC38", "Raccordo ottone 3/8")
    assert codes(ctx, "ottone") == ["RAC12", "RAC34", "RAC38"]


def test_common_text_gives_the_same_rows_by_the_code_index(ctx, monkeypatch):
    for n in range(6):
        make(ctx, f"RAC{n}", f"Raccordo ottone {n}")
    make(ctx, "TUBO", "Tubo ottone")
    rare = codes(ctx, "ottone")
    monkeypatch.setattr(article_lookup, "FTS_COMMON", 3)  # "ottone" now common
    assert codes(ctx, "ottone") == rare == ["RAC0", "RAC1", "RAC2", "RAC3", "RAC4", "RAC5",
                                            "TUBO"]
    assert codes(ctx, "ottone 4") == ["RAC4"]
