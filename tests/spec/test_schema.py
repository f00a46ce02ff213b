"""Tests for briefgen.spec.schema and `briefgen schema`: the editor's schema agrees with the validator."""

from __future__ import annotations

import json

import jsonschema
import pytest

from briefgen import yamlload
from briefgen.spec import docs
from briefgen.spec.fields import Field
from briefgen.spec.schema import convert, spec_schema
from cli_helpers import run
from paths import ROOT


@pytest.fixture(scope="module")
def schema():
    from briefgen.data.dataset import load_dataset
    from briefgen.spec import context_for
    return spec_schema(context_for(load_dataset(ROOT / "assets" / "data")).ids)


def errors(schema, data) -> list[tuple[list, str]]:
    validator = jsonschema.Draft202012Validator(schema)
    return sorted((list(e.absolute_path), e.validator) for e in validator.iter_errors(data))


def test_the_schema_is_a_valid_json_schema(schema):
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("spec", sorted(p.name for p in (ROOT / "specs").glob("*.yaml")))
def test_the_repository_specs_satisfy_it(schema, spec):
    assert errors(schema, yamlload.plain(yamlload.read(ROOT / "specs" / spec))) == []


def test_a_bad_spec_fails_it_where_the_validator_would(schema):
    data = yamlload.plain(yamlload.read(ROOT / "specs" / "park.yaml"))
    data["entity"] = "prak"
    data["deck"][1]["facts"][0] = "park.history.fonded"
    data["deck"][2]["colour"] = "red"
    data["onepager"][0]["type"] = "kpi"
    data["as_of"] = "２０２４"
    assert errors(schema, data) == [
        (["as_of"], "pattern"), (["deck", 1, "facts", 0], "enum"), (["deck", 2], "additionalProperties"),
        (["entity"], "enum"), (["onepager", 0, "type"], "enum"),
    ]


def test_the_readme_example_and_the_starters_satisfy_it(schema):
    from briefgen.cli_new import starter
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme[readme.index("## Writing a spec"):].split("```yaml\n", 1)[1].split("```", 1)[0]
    for text in (example, starter("x", "specs/x.yaml", "park"), starter("x", "specs/x.yaml", "city")):
        assert errors(schema, yamlload.plain(yamlload.parse(text))) == []


def test_exactly_one_source_per_item_as_the_validator_says(schema):
    data = yamlload.plain(yamlload.read(ROOT / "specs" / "park.yaml"))
    bullets = next(s for s in data["deck"] if s["type"] == "bullets")
    bullets["items"][0] = {"fact": "park.history.founded", "list": "park.list.zones"}
    data["onepager"].append({"type": "list", "title": "x"})
    data["deck"].append({"type": "chart", "chart": {"type": "bar"}})
    assert errors(schema, data) == [
        (["deck", data["deck"].index(bullets), "items", 0], "anyOf"),   # neither text nor one source
        (["deck", len(data["deck"]) - 1, "chart"], "anyOf"),             # neither series nor facts
        (["onepager", len(data["onepager"]) - 1], "oneOf"),              # neither list nor items
    ]


def test_ids_are_the_datasets(schema):
    facts = schema["$defs"]["fact_id"]["enum"]
    assert "park.history.founded" in facts and "city.series.gdp_milestones" not in facts
    assert schema["$defs"]["series_id"]["enum"][0] == "city.series.gdp_milestones"


def test_descriptions_come_from_the_readme(schema):
    props = schema["properties"]
    assert props["as_of"]["markdownDescription"] == docs.BRIEFING["as_of"]
    assert props["entity"]["description"] == "city or park"
    kpis = next(b["then"] for b in props["deck"]["items"]["allOf"] if b["if"]["properties"]["type"]["const"] == "kpis")
    assert kpis["description"] == "big figures, each with label, qualifier and period; keys: facts: 2–6 fact ids"


def _table(readme: str, heading: str) -> dict[str, list[str]]:
    part = readme[readme.index(heading):]
    rows = []
    for line in part.splitlines()[1:]:
        if line.startswith("|"):
            rows.append([c.strip() for c in line.strip("|").split("|")])
        elif rows:
            break
    return {cells[0].strip("`"): cells for cells in rows[2:]}      # after the header and its rule


def test_the_descriptions_are_the_readme_tables_word_for_word():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert {k: v[2] for k, v in _table(readme, "### The briefing").items()} == docs.BRIEFING
    slides = _table(readme, "### Slides (`deck:`)")
    assert {k: v[2] for k, v in slides.items()} == docs.SLIDES
    assert {k: v[1] for k, v in slides.items()} == docs.SLIDE_KEYS
    assert {k: v[1] for k, v in _table(readme, "**Charts** are").items()} == docs.CHART
    assert {k: v[1] for k, v in _table(readme, "### Handout sections").items()} == docs.SECTIONS
    flat = " ".join(readme.split())
    for text in docs.COMMON.values():
        assert text in flat


def test_the_readme_tables_list_exactly_the_declared_keys():
    from briefgen.spec.language import BRIEFING, SECTIONS, SLIDES
    assert list(docs.BRIEFING) == list(BRIEFING.fields)
    assert list(docs.SLIDES) == list(SLIDES.variants)
    assert list(docs.SECTIONS) == list(SECTIONS.variants)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    required = {k: v[1] == "yes" for k, v in _table(readme, "### The briefing").items()}
    assert required == {k: req for k, (_, req) in BRIEFING.fields.items()}


def test_a_field_without_a_converter_is_an_error():
    class Odd(Field):
        pass
    with pytest.raises(TypeError, match="no JSON Schema converter for Odd"):
        convert(Odd(), lambda kinds: ())


def test_cli_writes_the_schema(project):
    result = run("schema", "-o", "specs/briefgen.schema.json")
    assert (result.exit_code, result.stdout) == (0, "wrote specs/briefgen.schema.json\n")
    written = json.loads((project / "specs" / "briefgen.schema.json").read_text(encoding="utf-8"))
    assert written["properties"]["entity"]["enum"] == ["city", "park"]
    facts = written["$defs"]["fact_id"]
    label = dict(zip(facts["enum"], facts["enumDescriptions"]))["city.port.cargo"]
    assert label == "江阴港货物吞吐量 / Port cargo throughput"
    printed = run("schema")
    assert json.loads(printed.stdout) == written


def test_cli_schema_into_a_missing_folder(project):
    result = run("schema", "-o", "nope/s.json")
    assert (result.exit_code, result.stderr) == (1, "nope/s.json: cannot write the schema: No such file or directory\n")
