"""Reading the dataset's YAML files into records, filing every problem with its location."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Union

from briefgen import yamlcache
from briefgen.format import units
from briefgen.data.records import (
    ENTITIES, Fact, FactList, ID_PATTERN, KINDS, Label, ListItem, SERIES_KINDS, SOURCE_ID_PATTERN, Series, SeriesPoint, Source, Timeline, parse_period, suggestion,
)
from briefgen.errors import BriefgenError, DatasetError, Origin, Problems
from briefgen.yamlload import Map, Node, Scalar, Seq

def read_file(path: Path, problems: list[BriefgenError]) -> Node | None:
    """Return the root node of one YAML file, turning reader errors into located DatasetErrors."""
    shown = shown_path(path)
    if not path.is_file():
        problems.append(DatasetError("missing file; a dataset has sources.yaml, facts/*.yaml, "
                                     "lists.yaml, series.yaml and timelines.yaml", Origin(shown)))
        return None
    try:
        return yamlcache.read(shown)     # yamlload.read, remembered by content
    except Problems as e:
        problems.extend(DatasetError(p.message, p.origin) for p in e.problems)
    except BriefgenError as e:
        problems.append(DatasetError(e.message, e.origin))
    return None


def shown_path(path: Path) -> str:
    """Return ``path`` relative to the working folder when it lies inside it, else absolute."""
    full = Path(path).resolve()
    try:
        return str(full.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(full)


def node_name(node: Node, kind: str) -> str:
    """Return how messages name a record: its kind and id ("fact city.port.cargo")."""
    ident = node.get("id") if isinstance(node, Map) else None
    if isinstance(ident, Scalar) and ident.value is not None:
        return f"{kind} {ident.text}"
    return f"{kind} (no id)"


def node_kind(node: Node) -> str:
    if isinstance(node, Map):
        return "a mapping"
    if isinstance(node, Seq):
        return "a list"
    return "nothing" if node.value is None else f"'{node.text}'"


class Reader:
    """Reads one YAML mapping at a time into a dataclass, noting every problem instead of raising."""

    def __init__(self, problems: list[BriefgenError]):
        self.problems = problems
        self.ids: dict[str, Origin] = {}

    def fail(self, origin: Origin, message: str) -> None:
        """Record one located problem."""
        self.problems.append(DatasetError(message, origin))

    def register(self, obj: Any, table: dict) -> None:
        """Add ``obj`` to ``table`` unless its id is already used anywhere in the dataset."""
        if not obj.id:
            return
        first = self.ids.get(obj.id)
        if first is not None:
            self.fail(obj.origin, f"duplicate id '{obj.id}' (first defined at {first})")
            return
        self.ids[obj.id] = obj.origin
        table[obj.id] = obj

    def fields(self, node: Node, what: str, required: tuple[str, ...],
               optional: tuple[str, ...] = ()) -> dict[str, Node] | None:
        """Return the mapping's values by key after checking its keys, or None if it is no mapping."""
        if not isinstance(node, Map):
            self.fail(node.origin, f"{what}: expected a mapping of keys but received {node_kind(node)}")
            return None
        allowed = required + optional
        for key, _ in node:
            if key.value not in allowed:
                hint = suggestion(str(key.value), allowed) or f"; expected one of: {', '.join(allowed)}"
                self.fail(key.origin, f"{what}: unknown key '{key.text}'{hint}")
        got = {str(k.value): v for k, v in node if k.value in allowed}
        missing = [k for k in required if k not in got]
        if missing:
            self.fail(node.origin, f"{what}: missing required key{'s' if len(missing) > 1 else ''} "
                                   f"{', '.join(repr(m) for m in missing)}")
        return got

    def text(self, got: dict, key: str, what: str, choices: tuple[str, ...] = (),
             empty: bool = False) -> str:
        """Return the text at ``key`` ("" when absent), checking it against ``choices``."""
        node = got.get(key)
        if node is None:
            return ""
        if not isinstance(node, Scalar) or isinstance(node.value, bool) or node.value is None:
            self.fail(node.origin, f"{what}: {key}: expected text but received {node_kind(node)}")
            return ""
        value = node.text if isinstance(node.value, (int, float)) else str(node.value)
        if choices and value not in choices:
            shown = ", ".join(c or '""' for c in choices)
            self.fail(node.origin, f"{what}: {key}: expected one of: {shown} "
                                   f"but received '{value}'{suggestion(value, choices)}")
        elif not value.strip() and not empty:
            self.fail(node.origin, f"{what}: {key}: expected text but received an empty string")
        return value

    def number(self, got: dict, key: str, what: str, null: bool = False) -> tuple[Any, str]:
        """Return (value, text as written) of a number; None is accepted when ``null``."""
        node = got.get(key)
        if node is None or (isinstance(node, Scalar) and node.value is None and null):
            return None, ""
        if (not isinstance(node, Scalar) or isinstance(node.value, bool)
                or not isinstance(node.value, (int, float))):
            self.fail(node.origin, f"{what}: {key}: expected a number but received {node_kind(node)}")
            return None, ""
        return node.value, node.text

    def unit(self, got: dict, what: str, empty: bool = False) -> str:
        """Return the unit, checked against briefgen/format/units.py (the one table of units)."""
        unit = self.text(got, "unit", what, empty=empty)
        if unit and unit != units.SHARE:
            try:
                units.parse_unit(unit)
            except DatasetError as e:
                self.fail(got["unit"].origin, f"{what}: {e.message}")
        return unit

    def qualifier(self, got: dict, what: str) -> str:
        """Return the qualifier(s), checked against briefgen/format/units.py."""
        value = self.text(got, "qualifier", what)
        try:
            units.parse_qualifier(value)
        except DatasetError as e:
            self.fail(got["qualifier"].origin, f"{what}: {e.message}")
        return value

    def label(self, node: Node | None, what: str) -> Label:
        """Return a {zh, en} label."""
        if node is None:
            return Label("", "")
        got = self.fields(node, what, ("zh", "en"))
        if got is None:
            return Label("", "")
        return Label(self.text(got, "zh", what), self.text(got, "en", what))

    def plain_words(self, got: dict, key: str, what: str) -> Label:
        """Return a {zh, en} explanation printed for readers (e.g. how a year was worked out)."""
        node = got.get(key)
        if node is None:
            return Label("", "")
        if not isinstance(node, Map):
            self.fail(node.origin, f"{what}: {key}: expected {{zh: …, en: …}} in plain words for "
                                   f"readers but received {node_kind(node)}")
            return Label("", "")
        return self.label(node, f"{what}: {key}")

    def flag(self, got: dict, key: str, what: str, default: bool) -> bool:
        """Return a true/false key, ``default`` when absent."""
        node = got.get(key)
        if node is None:
            return default
        if not (isinstance(node, Scalar) and isinstance(node.value, bool)):
            self.fail(node.origin, f"{what}: {key}: expected true or false but received {node_kind(node)}")
            return default
        return node.value

    def ident(self, got: dict, what: str, entity: str = "") -> str:
        """Return the id, checking its form (dotted, lowercase, starting with the entity)."""
        value = self.text(got, "id", what)
        if value and not ID_PATTERN.fullmatch(value):
            self.fail(got["id"].origin, f"{what}: id: expected a lowercase dotted id such as "
                                        f"'city.port.cargo' but received '{value}'")
        elif value and entity in ENTITIES and not value.startswith(entity + "."):
            self.fail(got["id"].origin, f"{what}: id: expected it to start with '{entity}.' "
                                        f"(its entity) but received '{value}'")
        return value

    def source(self, node: Node, stem: str) -> Source | None:
        """Return one source entry."""
        what = node_name(node, "source")
        got = self.fields(node, what, ("id", "title", "publisher", "date", "file"), ("notes", "untitled"))
        if got is None:
            return None
        sid = self.text(got, "id", what)
        if sid and not SOURCE_ID_PATTERN.fullmatch(sid):
            self.fail(got["id"].origin, f"{what}: id: expected lowercase words joined by '-' "
                                        f"such as 'jy-gdp-5000' but received '{sid}'")
        when = self.text(got, "date", what)
        self.period(got, "date", when, what)
        return Source(sid, self.label(got.get("title"), f"{what}: title"),
                      self.label(got.get("publisher"), f"{what}: publisher"), when,
                      self.text(got, "file", what), self.text(got, "notes", what), node.origin,
                      self.flag(got, "untitled", what, False))

    def period(self, got: dict, key: str, value: str, what: str) -> None:
        """Check an ISO period or date."""
        if value:
            try:
                parse_period(value)
            except ValueError as e:
                self.fail(got[key].origin, f"{what}: {key}: {e} but received '{value}'")

    def fact(self, node: Node, stem: str) -> Fact | None:
        """Return one fact."""
        what = node_name(node, "fact")
        got = self.fields(node, what, ("id", "entity", "label", "value", "unit", "period", "kind",
                                         "source", "quote"),
                          ("value_max", "qualifier", "inferred", "as_written", "note", "unit_written",
                           "caveat"))
        if got is None:
            return None
        entity = self.text(got, "entity", what, ENTITIES)
        fid = self.ident(got, what, entity)
        if entity in ENTITIES and stem in ENTITIES and entity != stem:
            self.fail(got["entity"].origin, f"{what}: entity: expected '{stem}' in facts/{stem}.yaml "
                                            f"but received '{entity}'; move the fact to facts/{entity}.yaml")
        kind = self.text(got, "kind", what, KINDS)
        value, value_text = self.number(got, "value", what, null=True)
        vmax, vmax_text = self.number(got, "value_max", what)
        unit = self.unit(got, what, empty=True)
        period = self.text(got, "period", what, empty=kind != "event")
        self.period(got, "period", period, what)
        if kind == "event" and "value" in got and (value is not None or unit or vmax is not None):
            self.fail(got["value"].origin, f"{what}: an event has value null and unit \"\" "
                                           f"but received value {value_text or 'null'} and unit '{unit}'")
        elif kind and kind != "event" and "value" in got and (value is None or not unit):
            self.fail(got["value"].origin, f"{what}: a {kind} fact needs a number and a unit "
                                           f"but received value {value_text or 'null'} and unit '{unit}'")
        if vmax is not None and value is not None and vmax <= value:
            self.fail(got["value_max"].origin, f"{what}: value_max: expected more than the value "
                                               f"{value_text} but received {vmax_text}")
        return Fact(fid, entity, self.label(got.get("label"), f"{what}: label"), value, unit, period,
                    kind, self.text(got, "source", what), self.text(got, "quote", what), node.origin,
                    vmax, self.qualifier(got, what), self.plain_words(got, "inferred", what),
                    self.text(got, "as_written", what), self.text(got, "note", what),
                    value_text, vmax_text, self.flag(got, "unit_written", what, True),
                    self.plain_words(got, "caveat", what))

    def fact_list(self, node: Node, stem: str) -> FactList | None:
        """Return one named list."""
        what = node_name(node, "list")
        got = self.fields(node, what, ("id", "entity", "label", "source", "quote", "items"), ("note",))
        if got is None:
            return None
        entity = self.text(got, "entity", what, ENTITIES)
        items = []
        for item in self.seq(got, "items", what):
            label = self.label(item, f"{what}: items")
            items.append(ListItem(label.zh, label.en))
        return FactList(self.ident(got, what, entity), entity, self.label(got.get("label"), f"{what}: label"),
                        self.text(got, "source", what), tuple(items), node.origin, self.text(got, "note", what),
                        self.text(got, "quote", what))

    def seq(self, got: dict, key: str, what: str) -> tuple[Node, ...]:
        """Return the items of a non-empty list."""
        node = got.get(key)
        if node is None:
            return ()
        if not isinstance(node, Seq) or not node.items:
            self.fail(node.origin, f"{what}: {key}: expected a non-empty list but received {node_kind(node)}")
            return ()
        return node.items

    def series(self, node: Node, stem: str) -> Series | None:
        """Return one chart series."""
        what = node_name(node, "series")
        got = self.fields(node, what, ("id", "entity", "label", "unit", "kind", "source", "points"),
                          ("note",))
        if got is None:
            return None
        entity = self.text(got, "entity", what, ENTITIES)
        points = []
        for item in self.seq(got, "points", what):
            p = self.fields(item, f"{what}: point", ("x", "value", "derived"), ("fact", "how"))
            if p is None:
                continue
            x: Union[str, Label] = (self.label(p["x"], f"{what}: x") if isinstance(p.get("x"), Map)
                                    else self.text(p, "x", what))
            derived = p.get("derived")
            if derived is not None and not (isinstance(derived, Scalar) and isinstance(derived.value, bool)):
                self.fail(derived.origin, f"{what}: derived: expected true or false but received {node_kind(derived)}")
            flag = bool(isinstance(derived, Scalar) and derived.value is True)
            how = self.plain_words(p, "how", what)
            if flag != bool(how):
                self.fail(item.origin, f"{what}: a point needs 'how' exactly when it is derived: true")
            points.append(SeriesPoint(x, self.number(p, "value", what)[0], self.text(p, "fact", what),
                                      flag, how, item.origin))
        return Series(self.ident(got, what, entity), entity, self.label(got.get("label"), f"{what}: label"),
                      self.unit(got, what), self.text(got, "kind", what, SERIES_KINDS),
                      self.text(got, "source", what), tuple(points), node.origin, self.text(got, "note", what))

    def timeline(self, node: Node, stem: str) -> Timeline | None:
        """Return one timeline."""
        what = node_name(node, "timeline")
        got = self.fields(node, what, ("id", "entity", "label", "events"), ("note",))
        if got is None:
            return None
        entity = self.text(got, "entity", what, ENTITIES)
        nodes = self.seq(got, "events", what)
        events = tuple(self.text({"events": n}, "events", what) for n in nodes)
        return Timeline(self.ident(got, what, entity), entity, self.label(got.get("label"), f"{what}: label"),
                        events, node.origin, self.text(got, "note", what), tuple(n.origin for n in nodes))
