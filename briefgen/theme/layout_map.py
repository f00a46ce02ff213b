"""The layout mapping beside a template (``ours.layouts.yaml``): which layout serves each slide type.

``briefgen template inspect ours.pptx`` writes it; the user may edit it; the build reads it
back when it sits beside the template (the same folder, the template's name with
``.layouts.yaml``). Under ``layouts:`` each slide type names a layout by its name (a
string) or by ``{master: 1, layout: 2, name: …}`` (numbers from 1; a name given with a
number must be that layout's); ``null`` or a type left out means briefgen's own choice.
Every problem is located (``path:line:col``): an unknown slide type, a layout that does not
exist, a layout lacking a title placeholder (or what else the type needs).
"""

from __future__ import annotations

from pathlib import Path

from briefgen.errors import Origin, Problems, TemplateError
from briefgen.theme.template import (
    EMU_PER_PT, SLIDE_TYPES, Layout, layouts, mapping, need, open_template, score,
)
from briefgen.yamlload import Map, Scalar, read

SUFFIX = ".layouts.yaml"


def mapping_path(template: str | Path) -> Path:
    """Return where the layout mapping of ``template`` lives: beside it, ``<name>.layouts.yaml``."""
    template = Path(template)
    return template.with_name(template.stem + SUFFIX)


def read_mapping(template: str | Path, found: list[Layout] | None = None,
                 path: Path | None = None) -> tuple[tuple[str, int, int], ...]:
    """Return the (slide type, master, layout) choices (from 0) of the mapping file beside
    ``template`` (``()`` when there is none), or raise Problems locating every problem."""
    path = path or mapping_path(template)
    if not path.is_file():
        return ()
    got, problems = check_mapping(path, found if found is not None else layouts(open_template(template)))
    if problems:
        raise Problems(problems)
    return got


def check_mapping(path: Path, found: list[Layout]) -> tuple[tuple, list[TemplateError]]:
    """Return the choices the mapping file at ``path`` makes and its located problems."""
    root = read(path)
    problems: list[TemplateError] = []
    node = root.get("layouts") if isinstance(root, Map) else None
    if not isinstance(node, Map):
        where = node.origin if node is not None else root.origin
        return (), [TemplateError("expected layouts: a mapping from slide types to layouts "
                                  f"({', '.join(SLIDE_TYPES)})", where)]
    chosen = []
    for key, value in node:
        kind = str(key.value)
        if kind not in SLIDE_TYPES:
            problems.append(TemplateError(f"layouts: expected a slide type ({', '.join(SLIDE_TYPES)}) "
                                          f"but received {kind!r}", key.origin))
            continue
        try:
            layout = _pick(kind, value, found)
        except TemplateError as e:
            problems.append(e)
            continue
        if layout is None:
            continue
        if score(layout, kind) is None:
            problems.append(TemplateError(
                f"layouts.{kind}: layout {layout.index + 1} “{layout.name}” of master "
                f"{layout.master + 1} has no {_lacks(layout, kind)}; a {kind} slide needs "
                f"{need(kind)}", value.origin))
            continue
        chosen.append((kind, layout.master, layout.index))
    return tuple(chosen), problems


def _lacks(layout: Layout, kind: str) -> str:
    from briefgen.theme.template import TITLE_TYPES

    return "title placeholder" if not layout.of(*TITLE_TYPES) else "placeholder for its content"


def _pick(kind: str, value, found: list[Layout]) -> Layout | None:
    """Return the layout ``value`` names for ``kind`` (None: briefgen's choice), or raise TemplateError."""
    where = f"layouts.{kind}"
    if isinstance(value, Scalar) and value.value is None:
        return None
    if isinstance(value, Scalar) and isinstance(value.value, str):
        name, master, number = value, None, None
    elif isinstance(value, Map):
        name, master, number = value.get("name"), value.get("master"), value.get("layout")
        unknown = [k for k in value.keys() if k not in ("name", "master", "layout")]
        if unknown:
            raise TemplateError(f"{where}: expected master, layout and name but received "
                                f"{unknown[0]!r}", value.origin)
        if name is None and number is None:
            raise TemplateError(f"{where}: expected a layout number or name", value.origin)
    else:
        raise TemplateError(f"{where}: expected a layout name or {{master, layout, name}}",
                            value.origin)
    masters = sorted({lay.master for lay in found})
    m = _number(master, f"{where}.master", len(masters)) if master is not None else 0
    of_master = [lay for lay in found if lay.master == m]
    if number is not None:
        i = _number(number, f"{where}.layout", len(of_master))
        layout = of_master[i]
        if name is not None and str(name.value) != layout.name:
            raise TemplateError(f"{where}: layout {i + 1} of master {m + 1} is “{layout.name}”, "
                                f"not “{name.value}”; give the number or the name", name.origin)
        return layout
    match = [lay for lay in of_master if lay.name == str(name.value)]
    if not match:
        names = ", ".join(f"“{lay.name}”" for lay in of_master)
        raise TemplateError(f"{where}: no layout of master {m + 1} is named “{name.value}”; "
                            f"its layouts are {names}", name.origin)
    return match[0]


def _number(node, where: str, count: int) -> int:
    """Return the 1-based number ``node`` holds as an index from 0, or raise TemplateError."""
    value = node.value if isinstance(node, Scalar) else None
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= count:
        raise TemplateError(f"{where}: expected a number from 1 to {count} but received "
                            f"{getattr(node, 'text', '') or value!r}", node.origin)
    return value - 1


def problems(path: str | Path, prs=None) -> list[TemplateError]:
    """Return the located problems of the layout mapping beside the template (when there is one),
    and one per slide type left to briefgen's choice that the template has no usable layout for."""
    prs = prs if prs is not None else open_template(path)
    master = str(prs.slide_masters[0].part.partname).lstrip("/")
    found = layouts(prs)
    chosen, out = (), []
    if mapping_path(path).is_file():
        chosen, out = check_mapping(mapping_path(path), found)
    mapped = {kind for kind, _, _ in chosen}
    off = sum(not p.inside for lay in found for p in lay.placeholders)
    size = f"{prs.slide_width / EMU_PER_PT:.0f} × {prs.slide_height / EMU_PER_PT:.0f} pt"
    why = f" on the slide ({off} placeholders of its layouts lie outside the {size} slide)" if off else ""
    return out + [TemplateError(f"slide type '{kind}': no layout of {master} has {need(kind)}{why}",
                                Origin(f"{path}")) for kind, layout in mapping(found).items()
                  if layout is None and kind not in mapped]
