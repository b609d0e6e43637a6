"""The site's Jinja environment takes shortcuts (escaping, attribute lookup, globals) that
must render exactly what Jinja's defaults render."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from jobnotes.site import render

TEMPLATES = {
    "_m.html": '{% macro chip(x) %}<b class="{{ x }}">{{ x }}</b>{% endmacro %}',
    "base.html": "<title>{{ title }}</title>{% block content %}{% endblock %}",
    "page.html": """{% extends "base.html" %}{% import "_m.html" as m %}
{% block content %}
{{ text }}|{{ safe }}|{{ n }}|{{ x }}|{{ none }}|{{ day }}|{{ obj }}|{{ obj.name }}
{{ row.name }}|{{ row.items() | list | length }}|{{ row["name"] }}|{{ rows[0].name }}
{{ m.chip(text) }}|{{ text ~ safe }}|{{ text | upper }}|{{ text | e }}
{% set block %}<i>{{ text }}</i>{% endset %}{{ block }}|{{ block | length }}
{% for r in rows %}{{ loop.index }}:{{ r.name }}{{ ", " if not loop.last }}{% endfor %}
{% filter upper %}{{ text }}{% endfilter %}|{{ "%s-%s" | format(text, n) }}
{% endblock %}""",
    "missing.html": "{{ row.nope }}",
    "missing_attr.html": "{{ obj.nope }}",
}


@dataclass
class Thing:
    name: str

    def __html__(self) -> str:
        return f"<u>{self.name}</u>"


def _plain(loader: jinja2.BaseLoader) -> jinja2.Environment:
    return jinja2.Environment(
        loader=loader, autoescape=jinja2.select_autoescape(("html",), default_for_string=True),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True)


@pytest.fixture
def envs(tmp_path: Path) -> tuple[jinja2.Environment, jinja2.Environment]:
    for name, text in TEMPLATES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return _plain(jinja2.FileSystemLoader(str(tmp_path))), render.make_environment([tmp_path])


CONTEXT = {
    "title": "A & B <c>", "text": "O'Neil & \"Co\" <x>", "safe": Markup("<em>ok</em>"),
    "n": 42, "x": 1.5, "none": None, "day": date(2024, 3, 5), "obj": Thing("a<b"),
    "row": {"name": "R&D", "items": "not the method"}, "rows": [{"name": "x<"}, {"name": "y"}],
}


def test_pages_render_exactly_as_with_jinja_defaults(envs):
    plain, ours = envs
    expected = plain.get_template("page.html").render(CONTEXT)
    assert ours.get_template("page.html").render(CONTEXT) == expected
    assert "O&#39;Neil &amp; &#34;Co&#34; &lt;x&gt;" in expected   # escaping did happen


@pytest.mark.parametrize("name", ["missing.html", "missing_attr.html"])
def test_a_missing_key_or_attribute_is_still_an_error(envs, name):
    plain, ours = envs
    with pytest.raises(jinja2.UndefinedError) as theirs:
        plain.get_template(name).render(CONTEXT)
    with pytest.raises(jinja2.UndefinedError) as mine:
        ours.get_template(name).render(CONTEXT)
    assert str(mine.value) == str(theirs.value)


def test_string_templates_render_as_with_jinja_defaults(envs):
    plain, ours = envs
    source = "{{ text }}{{ safe }}{% for k, v in row.items() %}{{ k }}={{ v }};{% endfor %}"
    assert ours.from_string(source).render(CONTEXT) == plain.from_string(source).render(CONTEXT)


# The loop the e-mail macro used to be, character by character: the filter replacing it
# must write the same HTML for any address.
_EMAIL_LOOP = ('{% for ch in address %}{{ ch }}{% if ch in "@." and not loop.last %}<wbr>'
               '{% endif %}{% endfor %}')


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab.@&<>\"'\n é"), max_size=24) | st.emails())
def test_email_breaks_writes_what_the_character_loop_wrote(address):
    env = render.make_environment([], auto_reload=False)
    looped = env.from_string(_EMAIL_LOOP).render(address=address)
    assert str(render.email_breaks(address)) == looped


def test_an_address_wraps_after_each_at_and_dot_but_the_last():
    assert str(render.email_breaks("a.b@c.se")) == "a.<wbr>b@<wbr>c.<wbr>se"
    assert str(render.email_breaks("x@y.")) == "x@<wbr>y."
    assert str(render.email_breaks("<a>@b")) == "&lt;a&gt;@<wbr>b"
