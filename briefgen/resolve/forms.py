"""How one fact prints in one language, in each form a spec can ask for (for `briefgen facts`)."""

from __future__ import annotations

from typing import Any

from briefgen.resolve.context import Resolution, bilingual

#: The forms, in the order `facts show` prints them: name → how a spec writes it.
FORMS = (("figure", "{id}"), ("number", "{id.number}"), ("period", "{id.period}"),
         ("line", "{fact: id}"), ("kpi", "kpis: [id]"), ("table", "table: [id]"))


def newest_date(dataset: Any) -> str:
    """Return the newest source date in the dataset (the as-of date the forms assume)."""
    dates = [s.date for s in dataset.sources.values()]
    return max(dates, key=lambda d: (d + "-99-99")[:10]) if dates else ""


def printed_forms(dataset: Any, fact_id: str, lang: str, as_of: str | None = None) -> dict[str, str]:
    """Return {form: text} for a fact in ``lang``: each of FORMS, and a table's two cells."""
    res = Resolution(dataset, lang, "", newest_date(dataset) if as_of is None else as_of)
    fig = res.figure(fact_id)
    refs = {"figure": fact_id, "number": fact_id + ".number", "period": fact_id + ".period"}
    out = {name: res.placeholder(ref) for name, ref in refs.items()}
    out["line"] = res.fact_line(fact_id)[0]
    sep = "" if lang == "zh" else " "
    big = sep.join(p for p in (fig.prefix, fig.number, fig.suffix) if p)
    out["kpi"] = " · ".join(p for p in (big, fig.detail, fig.label, fig.period) if p)
    out["table"] = " | ".join((fig.label, fig.text, fig.period))
    out["cell"], out["status"] = fig.text, fig.period      # the table's value and period cells
    return out


def label(obj: Any, lang: str) -> str:
    """Return a record's label in ``lang``."""
    return bilingual(obj.label, lang)
