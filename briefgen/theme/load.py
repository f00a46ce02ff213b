"""Read a theme file (YAML): colours, fonts, wordmark, logo, contact and template, every problem located.

A spec's ``theme:`` names a built-in theme (``city``, ``park``: ``theme/builtin/*.yaml``) or a
theme file beside the spec (``theme: ourtheme.yaml``). A theme file may start from a built-in
one (``extends: park``) and change only what differs. Pictures and templates a theme names
are looked up in the theme's own folder and may not lead outside it.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path

from briefgen.errors import Origin, Problems, SpecError
from briefgen.spec.fields import Context, Enum, ListOf, Record, Str, shown
from briefgen.theme import BUILTIN, Palette, Theme, Typefaces
from briefgen.yamlload import Map, Scalar, read

BUILTIN_DIR = Path(__file__).parent / "builtin"
HEX = Str(6, r"[0-9A-Fa-f]{6}", "a colour as six hex digits such as 0B4F6C")
COLOURS = ("primary", "secondary", "accent", "ink", "muted", "paper", "tint", "rule")
YAHEI_ATTRS = (("panose", "020B0503020204020204"), ("pitchFamily", "34"), ("charset", "-122"))
TEMPLATE_SUFFIXES = (".pptx", ".potx")
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg")

SCHEMA = Record({
    "name": (Str(40, r"[A-Za-z0-9_-]+", "a short name (letters, digits, - and _)"), True),
    "extends": (Enum(*BUILTIN), False),
    "colours": (Record({**{c: (HEX, False) for c in COLOURS},
                        "series": (ListOf(HEX, 1, 12), False)}, "colours: primary, accent, …"), False),
    "fonts": (Record({
        "deck": (Record({"latin": (Str(60), False), "east_asian": (Str(60), False)},
                        "deck fonts: latin, east_asian"), False),
        "handout": (Record({"regular": (Str(300), False), "bold": (Str(300), False),
                            "face": (Str(60), False)}, "handout fonts: regular, bold, face"), False),
    }, "fonts: deck, handout"), False),
    "wordmark": (Record({"zh": (Str(20), False), "en": (Str(40), False)}, "a wordmark: zh, en"), False),
    "logo": (Str(300), False),
    "template": (Str(300), False),
    "contact": (Record({"address": (Record({"zh": (Str(200), False), "en": (Str(200), False)},
                                           "an address: zh, en"), False),
                        "phone": (Str(40), False), "email": (Str(80), False), "web": (Str(200), False)},
                       "contact: address, phone, email, web"), False),
}, "a theme (a mapping)")


def theme_for(name: str, spec_dir: str | None = None, origin: Origin | None = None) -> Theme:
    """Return the built-in theme ``name``, or the theme file ``name`` found in ``spec_dir``."""
    if name in BUILTIN:
        return _builtin(name)
    if not name.endswith((".yaml", ".yml")):
        raise SpecError(f"theme: expected one of {', '.join(BUILTIN)} or a theme file (.yaml) "
                        f"beside the spec but received {name!r}", origin)
    base = Path(spec_dir or ".").resolve()
    path = Path(base, name)
    problem = _inside(path, base, "the spec's folder")
    if problem:
        raise SpecError(f"theme: {name!r} {problem}", origin)
    if not path.is_file():
        raise SpecError(f"theme: no theme file at {name!r} beside the spec; check the name", origin)
    return load_theme(path)


@functools.lru_cache(maxsize=8)
def _builtin(name: str) -> Theme:
    return load_theme(BUILTIN_DIR / f"{name}.yaml")


def load_theme(path: str | Path) -> Theme:
    """Return the theme in the file at ``path``, or raise Problems listing every located problem."""
    path = Path(path)
    root = read(path)
    ctx = Context()
    if not isinstance(root, Map):
        raise SpecError(f"expected {SCHEMA.expected} but received {shown(root)}", root.origin)
    rec = SCHEMA.check(root, "", ctx)
    if rec is not None:
        if "extends" not in rec:
            for key in ("colours", "fonts", "wordmark"):
                if key not in rec:
                    ctx.error(root.origin, "", f"missing required key '{key}' (or 'extends: park')")
        missing = [c for c in (*COLOURS, "series") if c not in (rec.get("colours") or {})]
        if "extends" not in rec and "colours" in rec and missing:
            ctx.error(rec.at("colours"), "colours", f"missing {', '.join(missing)}")
    folder = path.resolve().parent
    for key, suffixes, what in (("logo", PICTURE_SUFFIXES, "a PNG or JPEG picture"),
                                ("template", TEMPLATE_SUFFIXES, "a PowerPoint file (.pptx or .potx)")):
        node = root.get(key)
        if isinstance(node, Scalar) and isinstance(node.value, str) and node.value.strip():
            _check_file(node, node.value, folder, suffixes, what, key, ctx)
    if ctx.problems:
        raise Problems(sorted(ctx.problems, key=lambda p: (p.origin.line, p.origin.col)))
    theme = _theme(rec, path.resolve().parent)
    return replace(theme, stamps=_stamps(theme))


def _stamps(theme: Theme) -> tuple[tuple[str, int, int], ...]:
    """Return (path, size, mtime) of the theme's template, its layout mapping and its logo."""
    from briefgen.theme.layout_map import mapping_path

    files = [theme.logo, theme.template, str(mapping_path(theme.template)) if theme.template else ""]
    out = []
    for name in files:
        if name and Path(name).is_file():
            st = Path(name).stat()
            out.append((name, st.st_size, st.st_mtime_ns))
    return tuple(out)


def _inside(path: Path, folder: Path, name: str) -> str:
    """Return what is wrong when ``path`` (links followed) leads outside ``folder``, else ""."""
    full = path.resolve()
    if full == folder or folder in full.parents:
        return ""
    how = " (through a symbolic link)" if any(p.is_symlink() for p in (path, *path.parents)
                                                if folder in p.parents or p == path) else ""
    return f"leads outside {name}{how}; copy the file into it"


def _check_file(node, rel: str, folder: Path, suffixes: tuple[str, ...], what: str, key: str,
                ctx: Context) -> None:
    """File a problem unless ``rel`` is a file of the right kind inside the theme's folder."""
    if Path(rel).is_absolute():
        return ctx.error(node.origin, key, f"expected a path relative to the theme's folder "
                                           f"but received {rel!r}")
    problem = _inside(folder / rel, folder, "the theme's folder")
    if not problem and not (folder / rel).is_file():
        problem = "is not a file in the theme's folder; check the name"
    if not problem and not rel.lower().endswith(suffixes):
        problem = f"is not {what}"
    if not problem and key == "logo":
        from briefgen.spec.images import find_image

        problem = find_image(rel, folder, folder, folder)[1].removeprefix(f"{rel!r} ")
    if problem:
        ctx.error(node.origin, key, f"{rel!r} {problem}")


def _theme(rec: dict, folder: Path) -> Theme:
    """Return the Theme that ``rec`` (checked theme data) describes, over its base theme."""
    base = _builtin(rec["extends"]) if "extends" in rec else None
    colours = rec.get("colours") or {}
    old = base.palette if base else None
    palette = Palette(**{c: (colours.get(c) or getattr(old, c)).upper() for c in COLOURS},
                      series=tuple(s.upper() for s in colours.get("series") or old.series))
    fonts = rec.get("fonts") or {}
    deck, handout = fonts.get("deck") or {}, fonts.get("handout") or {}
    was = base.fonts if base else Typefaces()
    east_asian = deck.get("east_asian", was.deck_east_asian)
    typefaces = Typefaces(
        deck_latin=deck.get("latin", was.deck_latin), deck_east_asian=east_asian,
        deck_east_asian_attrs=YAHEI_ATTRS if east_asian == "Microsoft YaHei" else (),
        pdf_regular=str(folder / handout["regular"]) if "regular" in handout else was.pdf_regular,
        pdf_bold=str(folder / handout["bold"]) if "bold" in handout else was.pdf_bold,
        pdf_face_name=handout.get("face", was.pdf_face_name))
    template = str(folder / rec["template"]) if "template" in rec else (base.template if base else "")
    warnings: tuple[str, ...] = ()
    layouts = base.layouts if base else ()
    if template:
        from briefgen.theme.layout_map import read_mapping

        palette, typefaces, warnings = _from_template(template, palette, typefaces, colours, deck)
        layouts = read_mapping(template)
    wordmark = {**(base.wordmark if base else {}), **(rec.get("wordmark") or {})}
    contact = dict(rec.get("contact") or {})
    if "address" in contact:
        contact["address"] = dict(contact["address"])
    theme = base or Theme(name=rec["name"], palette=palette)
    return replace(theme, name=rec["name"], palette=palette, fonts=typefaces, wordmark=wordmark,
                   logo=str(folder / rec["logo"]) if "logo" in rec else (base.logo if base else ""),
                   template=template, warnings=warnings, layouts=layouts,
                   contact=contact or (base.contact if base else {}), folder=str(folder))


def _from_template(template: str, palette: Palette, typefaces: Typefaces, colours: dict,
                   deck: dict) -> tuple[Palette, Typefaces, tuple[str, ...]]:
    """Return the palette and faces over a template: chart series from its theme's accents and
    Chinese in its East Asian face, unless the theme file names its own; and the warnings."""
    from briefgen.theme.template_theme import east_asian_face, template_theme

    accents = template_theme(template).accents
    if accents and "series" not in colours:
        palette = replace(palette, series=accents)
    if "east_asian" in deck:
        return palette, typefaces, ()
    ea = east_asian_face(template, typefaces.deck_east_asian)
    typefaces = replace(typefaces, deck_east_asian=ea.face, deck_east_asian_file=ea.file,
                        deck_east_asian_index=ea.index,
                        deck_east_asian_attrs=YAHEI_ATTRS if ea.face == "Microsoft YaHei" else ())
    return palette, typefaces, (ea.warning,) if ea.warning else ()


def spec_theme(spec, spec_path: str | Path) -> Theme:
    """Return the theme a checked spec names (its entity's theme when it names none)."""
    name = spec.get("theme") or spec["entity"]
    return theme_for(name, str(Path(spec_path).parent), spec.at("theme") if "theme" in spec else None)


def picture_folder(theme: Theme) -> Path | None:
    """Return the folder of a theme file, where a spec's pictures may also come from (None: built-in)."""
    return None if Path(theme.folder) == BUILTIN_DIR else Path(theme.folder)
