"""Turn spec slides and sections into model blocks (figures, lists, charts, timelines …)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from briefgen.errors import Origin, SpecError
from briefgen.model import (
    Block, Bullet, Bullets, Chart, Column, Compare, Contact, Image, KpiCards, Paragraph, Quote,
    Slide, Table, Timeline,
)
from briefgen.resolve import slide_policy
from briefgen.resolve.charts import build_chart
from briefgen.resolve.context import Resolution, bilingual
from briefgen.resolve.glossary import explain, printed_strings
from briefgen.spec import Rec, Text
from briefgen.spec.images import find_image
from briefgen.theme.load import picture_folder, spec_theme


def block_notes(block: Block) -> tuple[int, ...]:
    """Return the source-note numbers a block cites, in order of appearance."""
    nums: list[int] = []
    if isinstance(block, KpiCards):
        nums = [f.note for f in block.items]
    elif isinstance(block, Bullets):
        nums = [n for b in block.items for n in b.notes]
    elif isinstance(block, Compare):
        nums = [n for col in (block.left, block.right) for b in col.items for n in b.notes]
    elif isinstance(block, Timeline):
        nums = [e.note for e in block.events]
    elif isinstance(block, (Chart, Table, Paragraph, Quote)):
        nums = list(block.notes)
    return tuple(dict.fromkeys(n for n in nums if n))


class BlockBuilder:
    """Builds blocks in one language; problems go to the Resolution."""

    def __init__(self, res: Resolution, spec: Rec, root: Path):
        self.res, self.spec, self.root = res, spec, root

    # -- blocks -----------------------------------------------------------------------
    def kpis(self, fact_ids: list[str], origin: Origin) -> KpiCards:
        """Return KPI cards for facts."""
        return KpiCards(tuple(self.res.figure(f, origin) for f in fact_ids), origin)

    def chart(self, spec: Any, where: str, origin: Origin) -> Chart | None:
        """Return a chart."""
        return build_chart(self.res, spec, where, origin)

    def timeline(self, timeline_id: str, origin: Origin, chosen: list[str] | None = None) -> Timeline:
        """Return a timeline's events (or the chosen ones), in date order."""
        tl = self.res.ds.timelines[timeline_id]
        ids = [f for f in tl.events if f in chosen] if chosen else tl.events
        events = [self.res.event(f) for f in ids]
        return Timeline(tuple(events), bilingual(tl.label, self.res.lang) or self.res.t("milestones"), origin)

    def items(self, items: list | None, list_id: str | None, where: str) -> tuple[Bullet, ...]:
        """Return bullets from spec items and/or a dataset list."""
        out: list[Bullet] = []
        if list_id:
            out += self._list_items(list_id)
        for i, item in enumerate(items or ()):
            w = f"{where}.items[{i}]"
            if isinstance(item, Text):
                text, notes = self.res.body(item, w)
                out.append(Bullet(text, notes))
            elif "fact" in item:
                text, note = self.res.fact_line(item["fact"], item.at("fact"))
                out.append(Bullet(text, (note,), 1 if item.get("sub") else 0, (item["fact"],)))
            elif "text" in item:
                text, notes = self.res.body(item["text"], f"{w}.text")
                out.append(Bullet(text, notes, 1 if item.get("sub") else 0))
            elif "list" in item:
                out += self._list_items(item["list"])
        return tuple(out)

    def bullet_groups(self, items: list, where: str, origin: Origin) -> list[Bullets]:
        """Return a bullets slide's items as one list, or, when it names two or more dataset
        lists, one list per dataset list headed by its label (text items keep their place)."""
        lists = [it for it in items if isinstance(it, Rec) and "list" in it]
        if len(lists) == 1 and len(items) > 1:       # the list under its label, among the items
            out: list[Bullet] = []
            for item in items:
                if isinstance(item, Rec) and "list" in item:
                    lst = self.res.ds.lists[item["list"]]
                    out.append(Bullet(bilingual(lst.label, self.res.lang)))
                    out += [replace(b, level=1) for b in self._list_items(item["list"])]
                else:
                    out += self.items([item], None, where)
            return [Bullets(tuple(out), "", origin)]
        if len(lists) < 2:
            return [Bullets(self.items(items, None, where), "", origin)]
        groups: list[Bullets] = []
        run: list = []
        for i, item in enumerate(items):
            if isinstance(item, Rec) and "list" in item:
                if run:
                    groups.append(Bullets(self.items(run, None, where), "", origin))
                    run = []
                label = bilingual(self.res.ds.lists[item["list"]].label, self.res.lang)
                groups.append(Bullets(tuple(self._list_items(item["list"])), label, origin))
            else:
                run.append(item)
        if run:
            groups.append(Bullets(self.items(run, None, where), "", origin))
        return groups

    def _list_items(self, list_id: str) -> list[Bullet]:
        lst = self.res.ds.lists[list_id]
        note = self.res.list_note(lst).number
        return [Bullet(bilingual(it, self.res.lang), (note,)) for it in lst.items]

    def bullets(self, items: list | None, list_id: str | None, where: str, origin: Origin,
                heading: str = "") -> Bullets:
        """Return a bullet list (a dataset list's label is its default heading)."""
        if list_id and not heading:
            heading = bilingual(self.res.ds.lists[list_id].label, self.res.lang)
        return Bullets(self.items(items, list_id, where), heading, origin)

    def paragraph(self, text: Text, where: str) -> Paragraph:
        """Return running text with its figures cited."""
        body, notes = self.res.body(text, where)
        return Paragraph(body, notes, text.origin)

    def contact(self, lines, where: str, origin: Origin) -> Contact | None:
        """Return contact lines and details (the slide's or section's own, else the briefing's)."""
        given = lines or self.spec.get("contact")
        if not given:
            self.res.problems.append(SpecError(f"{where}: no contact lines here and no top-level "
                                               "'contact' in the spec", origin))
            return None
        details = given if isinstance(given, Rec) else {"lines": given}
        org = spec_theme(self.spec, self.res.spec_path).contact
        texts = tuple(self.res.text(t, f"{where}.lines[{i}]")
                      for i, t in enumerate(details.get("lines") or ()))
        address = self.res.text(details.get("address"), f"{where}.address") or \
            bilingual(org.get("address") or {}, self.res.lang)
        phone, email, web = (details.get(k) or org.get(k, "") for k in ("phone", "email", "web"))
        labels = tuple((k, self.res.t(f"contact_{k}")) for k in ("address", "phone", "email", "web"))
        return Contact(texts, self.res.t("contact"), origin, address, phone, email, web, labels)

    def table(self, slide: Rec, where: str) -> Table:
        """Return a table of facts: label, figure, period."""
        res = self.res
        if slide.get("columns"):
            cols = tuple(res.text(c, f"{where}.columns[{i}]") for i, c in enumerate(slide["columns"]))
        else:
            cols = (res.t("col_indicator"), res.t("col_value"), res.t("col_period"))
        rows, notes = [], []
        for fid in slide["facts"]:
            fig = res.figure(fid, slide.at("facts"))
            rows.append((fig.label, fig.text, fig.period))
            notes.append(fig.note)
        return Table(cols, tuple(rows), tuple(dict.fromkeys(notes)), slide.at("facts"))

    def column(self, col: Rec, where: str) -> Column:
        """Return one side of a comparison."""
        return Column(self.res.text(col["title"], f"{where}.title"),
                      self.items(col.get("items"), col.get("list"), where))

    def image(self, slide: Rec, where: str) -> Image | None:
        """Return a picture from assets/ or the spec's folder, checked and decoded (spec.images)."""
        path, problem = find_image(slide["image"], Path(self.res.spec_path).resolve().parent, self.root,
                                   picture_folder(spec_theme(self.spec, self.res.spec_path)))
        if path is None:
            self.res.problems.append(SpecError(f"{where}.image: {problem}", slide.at("image")))
            return None
        return Image(str(path), self.res.text(slide["alt"], f"{where}.alt"),
                     self.res.text(slide.get("caption"), f"{where}.caption"), slide.origin)

    # -- slides -----------------------------------------------------------------------
    def slide(self, sl: Rec, where: str) -> list[Slide]:
        """Return the slide a spec slide describes (a list: empty after a problem)."""
        res, kind = self.res, sl["type"]
        title = res.text(sl.get("title"), f"{where}.title")
        subtitle = res.text(sl.get("subtitle"), f"{where}.subtitle")
        blocks: list[Block | None] = []
        warnings: list[str] = []
        if kind == "title":
            title = title or res.text(self.spec["title"], "title")
            subtitle = subtitle or res.text(self.spec.get("subtitle"), "subtitle")
        elif kind == "kpis":
            blocks.append(self.kpis(sl["facts"], sl.at("facts")))
        elif kind == "bullets":
            blocks += self.bullet_groups(sl["items"], where, sl.at("items"))
        elif kind == "chart":
            kind, made, title, warnings = slide_policy.chart_slide(self, sl, where, title)
            blocks += made
        elif kind == "timeline":
            tl = self.timeline(sl["timeline"], sl.at("timeline"), sl.get("events"))
            if sl.get("highlight"):
                tl = replace(tl, highlight=sl["highlight"])
            blocks.append(tl)
            title = title or tl.heading
        elif kind == "table":
            blocks.append(self.table(sl, where))
            warnings = slide_policy.table_warnings(blocks[-1], sl.at("facts"), res.lang)
        elif kind == "compare":
            blocks.append(Compare(self.column(sl["left"], f"{where}.left"),
                                  self.column(sl["right"], f"{where}.right"), sl.origin))
        elif kind == "image":
            blocks.append(self.image(sl, where))
        elif kind == "quote":
            text, notes = res.body(sl["text"], f"{where}.text")
            blocks.append(Quote(text, res.text(sl.get("attribution"), f"{where}.attribution"),
                                notes, sl.at("text")))
        elif kind == "closing":
            title = title or res.t("thank_you")
            blocks.append(self.contact(sl.get("contact"), f"{where}.contact", sl.origin))
        if any(b is None for b in blocks):
            return []
        talk = tuple(res.body(t, f"{where}.notes[{i}]")[0] for i, t in enumerate(sl.get("notes") or ()))
        cited = [n for b in blocks for n in block_notes(b)]
        for ident in sl.get("cite") or ():       # sources of text written in the spec
            cited.append(res.note(ident).number if ident in res.ds.facts
                         else res.list_note(res.ds.lists[ident]).number)
        by_number = {n.number: n for n in res.notes()}
        sources = tuple(by_number[n] for n in dict.fromkeys(cited))
        terms = explain(getattr(res.ds, "glossary", {}), res.lang, printed_strings((title, subtitle, talk, blocks)))
        return [Slide(kind, title, tuple(blocks), subtitle, talk, sources, sl.origin,
                      tuple(warnings), terms)]
