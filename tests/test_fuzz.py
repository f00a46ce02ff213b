"""A property test of the loader: mutated real specs end in success or a located BriefgenError.

Specs are built from specs/park.yaml and specs/city.yaml by dropping, duplicating and
retyping keys, swapping ids, injecting odd strings, and by editing the YAML text itself.
Each goes through ``validate`` and then ``build`` (into a temporary folder): both must end
in success or a BriefgenError whose every problem says where it is, never another
exception, and both must agree (validate says ok exactly when the build succeeds).
A case that runs longer than CASE_SECONDS fails (an alarm, not a speed measurement).
"""

from __future__ import annotations

import copy
import signal
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.build import Session
from briefgen.errors import BriefgenError, OutputError, Problems
from paths import ROOT

CASE_SECONDS = 30
EXAMPLES = 40
SPECS = {name: (ROOT / "specs" / f"{name}.yaml").read_text(encoding="utf-8") for name in ("park", "city")}
TREES = {name: yaml.safe_load(text) for name, text in SPECS.items()}
ODD = ["", " ", "\x00", "\x07bell", "\u202eRTL", "🚀", "\U00020000", "\U00017000", "{park.history.founded.",
       "{nope.fact}", "{", "}", "٢٠٢٤-٠١", "2024-02-30", "2024-13-45", "<<", "*", "&a", "!!python/object",
       "a" * 3000, "长" * 500, "5+1", "211", "S1线", "\ud800".encode("utf-8", "surrogatepass").decode(
           "utf-8", "replace"), "line\nbreak", "tab\tin", "%s%n", "../../etc/passwd", "assets/../../x.png",
       "park.history.years", "city.series.gdp_milestones", "city.list.nope"]
SCALARS = st.one_of(st.sampled_from(ODD), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                    st.booleans(), st.none(), st.text(max_size=40))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                      st.dictionaries(st.sampled_from(
                                                          ["zh", "en", "type", "title", "facts", "x"]),
                                                          inner, max_size=3)), max_leaves=6)


def paths(tree, prefix=()):
    """Return every path (tuple of keys and indexes) into a nested spec."""
    out = [prefix]
    if isinstance(tree, dict):
        for k, v in tree.items():
            out += paths(v, prefix + (k,))
    elif isinstance(tree, list):
        for i, v in enumerate(tree):
            out += paths(v, prefix + (i,))
    return out


def at(tree, path):
    for step in path:
        tree = tree[step]
    return tree


@st.composite
def mutated_tree(draw):
    """Return a real spec as data with one to three structural mutations."""
    tree = copy.deepcopy(TREES[draw(st.sampled_from(sorted(TREES)))])
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(paths(tree)[1:]))
        parent, key = at(tree, where[:-1]), where[-1]
        action = draw(st.sampled_from(["drop", "duplicate", "retype", "odd", "swap", "text", "text"]))
        texts = [p for p in paths(tree)[1:] if isinstance(at(tree, p), str)]
        if action == "text" and texts:          # odd characters inside real text reach the renderers
            where = draw(st.sampled_from(texts))
            parent, key = at(tree, where[:-1]), where[-1]
            parent[key] = parent[key] + draw(st.sampled_from(ODD))
        elif action == "text":
            continue
        elif action == "drop":
            del parent[key]
        elif action == "duplicate" and isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
        elif action == "duplicate":
            parent[draw(st.sampled_from(["title", "type", "facts", "deck", "zh", "en"]))] = \
                copy.deepcopy(parent[key])
        elif action == "retype":
            parent[key] = draw(VALUES)
        elif action == "odd":
            parent[key] = draw(st.sampled_from(ODD))
        else:                                   # swap two values of the same spec
            other = draw(st.sampled_from(paths(tree)[1:]))
            if other[:len(where)] != where and where[:len(other)] != other:
                oparent = at(tree, other[:-1])
                parent[key], oparent[other[-1]] = oparent[other[-1]], parent[key]
        if not isinstance(tree, dict):
            break
    return yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)


@st.composite
def mutated_text(draw):
    """Return a real spec's YAML text with lines dropped, repeated, re-indented or cut."""
    lines = SPECS[draw(st.sampled_from(sorted(SPECS)))].splitlines()
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "repeat", "indent", "dedent", "cut", "insert"]))
        if action == "drop":
            del lines[i]
        elif action == "repeat":
            lines.insert(i, lines[i])
        elif action == "indent":
            lines[i] = "  " + lines[i]
        elif action == "dedent":
            lines[i] = lines[i][2:]
        elif action == "cut":
            lines[i] = lines[i][: draw(st.integers(0, max(len(lines[i]) - 1, 0)))]
        else:
            lines.insert(i, draw(st.sampled_from(["<<: *a", "x: &a [1]", "- ", ": :", "\t", "? a",
                                                  "title: \x00", "%YAML 1.1", "---", "..."])))
    return "\n".join(lines) + "\n"


def outcome(run) -> str:
    """Return "ok" or "error" for a call, failing on anything but a located BriefgenError."""
    try:
        run()
    except BriefgenError as e:
        problems = e.problems if isinstance(e, Problems) else [e]
        assert not isinstance(e, OutputError), str(e)
        unlocated = [str(p) for p in problems if p.origin is None]
        assert not unlocated, f"problems without a location: {unlocated}"
        return "error"
    return "ok"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "specs").mkdir()
    (folder / "assets").symlink_to(ROOT / "assets")
    return folder, Session()


def _alarm(signum, frame):
    raise TimeoutError(f"one case took more than {CASE_SECONDS} s")


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=st.one_of(mutated_tree(), mutated_text()))
def test_a_mutated_spec_builds_or_fails_located_and_validate_agrees(project, text):
    folder, session = project
    spec = folder / "specs" / "fuzz.yaml"
    spec.write_text(text, encoding="utf-8", errors="surrogatepass")
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(CASE_SECONDS)
    try:
        checked = outcome(lambda: session.validate(spec))
        built = outcome(lambda: session.build(spec, folder / "out"))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert checked == built, f"validate said {checked} but build said {built}"


def test_the_mutations_reach_past_the_spec_checks(project):
    """Unchanged specs build: the property is not vacuous."""
    folder, session = project
    spec = Path(folder / "specs" / "plain.yaml")
    spec.write_text(SPECS["park"], encoding="utf-8")
    assert outcome(lambda: session.validate(spec)) == "ok"
