"""The handout's sources: documents numbered by first citation, one entry each, only what is printed."""

from __future__ import annotations

import dataclasses

from briefgen.model import Bullet, Bullets, KpiCards, Paragraph, Section
from briefgen.render.pdf.ops import Text
from briefgen.render.pdf.sources import balance, cited, doc_refs, documents, entry_text, sources_block
from model_samples import briefing, notes
from test_pdf_text import typesetter


def test_documents_are_numbered_by_first_citation_and_notes_of_one_document_share_a_number():
    ns = notes("zh")                      # 1-4 the park profile, 5-7 the GDP article
    sections = [Section("narrative", Paragraph("x", (5,))), Section("kpis", KpiCards(())),
                Section("list", Bullets((Bullet("a", (2,)), Bullet("b", (7, 1)))))]
    refs = doc_refs(sections, ns)
    assert refs == {5: 1, 2: 2, 7: 1, 1: 2}
    assert [(n, note.source_id) for n, note in documents(refs, ns)] == [(1, "jy-gdp-5000"), (2, "jjy-park-2024")]


def test_a_note_no_printed_section_cites_is_not_a_document():
    ns = notes("en")
    refs = doc_refs([Section("narrative", Paragraph("x", (3,)))], ns)
    assert [n.source_id for _, n in documents(refs, ns)] == ["jjy-park-2024"]
    assert doc_refs([], ns) == {} and documents({}, ns) == []


def test_an_entry_names_title_publisher_date_and_url_in_each_language():
    note = dataclasses.replace(notes("zh")[4], publisher="澎湃新闻", url="https://example.org/a")
    assert entry_text(note, "zh") == "《江阴GDP破5000亿元》，澎湃新闻，2025-01，https://example.org/a"
    en = dataclasses.replace(notes("en")[4], publisher="The Paper")
    assert entry_text(en, "en") == "Jiangyin's GDP passes RMB 500 billion (江阴GDP破5000亿元), The Paper, 2025-01"
    assert entry_text(dataclasses.replace(en, url="https://example.org/a"), "en").endswith(". https://example.org/a")


def test_the_block_prints_each_document_once_under_its_heading_and_nothing_without_documents():
    b, ts = briefing("en"), typesetter("en")
    docs = documents(doc_refs(b.onepager.sections, b.onepager.notes), b.onepager.notes)
    laid = sources_block(docs, "Sources", ts, 515.0)
    texts = [op.text for op in laid.ops if isinstance(op, Text)]
    assert texts[0] == "Sources" and [t for t in texts if t.isdigit()] == ["1", "2"]
    assert sources_block([], "Sources", ts, 515.0).ops == []


def test_cited_finds_notes_at_any_depth_and_balance_minimises_the_taller_column():
    assert cited(Bullets((Bullet("a", (3,)), Bullet("b", (4, 5))))) == [3, 4, 5]
    assert balance([10, 10, 10, 10], 2) == [(0, 2), (2, 4)]
    assert balance([30, 10, 10, 10], 2) == [(0, 1), (1, 4)]
    assert balance([5], 2) == [(0, 1)]


def test_a_document_without_a_title_of_its_own_is_described_never_set_in_book_marks():
    note = dataclasses.replace(notes("zh")[4], source_title="关于江阴GDP破5000亿元的文章（原文无标题）",
                               original_title="")
    assert entry_text(note, "zh") == "关于江阴GDP破5000亿元的文章（原文无标题），2025-01"
    en = dataclasses.replace(notes("en")[4], source_title="Article on Jiangyin's GDP (untitled)", original_title="")
    assert entry_text(en, "en") == "Article on Jiangyin's GDP (untitled), 2025-01"


def test_a_section_citing_sources_for_its_own_text_brings_their_document():
    ns = notes("zh")
    refs = doc_refs([Section("narrative", Paragraph("园区跨江联动发展。"), notes=(5,))], ns)
    assert [n.source_id for _, n in documents(refs, ns)] == ["jy-gdp-5000"]
