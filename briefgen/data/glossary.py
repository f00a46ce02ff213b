"""The glossary (glossary.yaml): Chinese terms an English briefing explains, read and checked."""

from __future__ import annotations

from pathlib import Path

from briefgen.data.read import Reader, node_kind, read_file
from briefgen.data.records import GlossaryEntry
from briefgen.errors import BriefgenError, DatasetError
from briefgen.yamlload import Map, Node, Seq

FILE = "glossary.yaml"


def read_glossary(data_dir: Path, reader: Reader, problems: list[BriefgenError]) -> dict[str, GlossaryEntry]:
    """Return the glossary entries by term ({} when the dataset has no glossary.yaml)."""
    path = Path(data_dir) / FILE
    if not path.is_file():
        return {}
    root = read_file(path, problems)
    if root is None:
        return {}
    if not isinstance(root, Seq):
        problems.append(DatasetError("expected a list of glossary entries (each starting '- term:') "
                                     f"but received {node_kind(root)}", root.origin))
        return {}
    entries: dict[str, GlossaryEntry] = {}
    for node in root.items:
        entry = _entry(node, reader)
        if entry is None:
            continue
        for form in (entry.term, *entry.also):
            first = next((e for e in entries.values()
                          if form.lower() in (f.lower() for f in (e.term, *e.also))), None)
            if first is not None:
                reader.fail(entry.origin, f"glossary {entry.term}: the term '{form}' is already "
                                          f"explained at {first.origin}")
                break
        else:
            entries[entry.term] = entry
    return entries


def _entry(node: Node, reader: Reader) -> GlossaryEntry | None:
    """Return one glossary entry, or None when it is not a mapping."""
    term = node.get("term") if isinstance(node, Map) else None
    what = f"glossary {term.text}" if term is not None and getattr(term, "value", None) else "glossary entry"
    got = reader.fields(node, what, ("term", "zh", "en"), ("also",))
    if got is None:
        return None
    also: list[str] = []
    if "also" in got:
        forms = got["also"]
        items = forms.items if isinstance(forms, Seq) else ()
        if not items:
            shown = "an empty list" if isinstance(forms, Seq) else node_kind(forms)
            reader.fail(forms.origin, f"{what}: also: expected a non-empty list of terms "
                                      f"but received {shown}")
        also = [reader.text({"also": n}, "also", what) for n in items]
    return GlossaryEntry(reader.text(got, "term", what), reader.text(got, "zh", what),
                         reader.text(got, "en", what), node.origin, tuple(a for a in also if a))
