"""Blocks that Obsidian plugins run (Dataview, Tasks) say what they are on the site."""

from __future__ import annotations

from jobnotes.markdown import render_markdown


def test_a_dataview_block_is_named_above_its_text():
    html = render_markdown("```dataview\nTABLE status FROM \"applications\"\n```\n")
    assert html.startswith('<p class="plugin-note">A Dataview query: it runs in Obsidian, '
                           "so the site shows its text.</p>")
    assert '<code class="plugin-block language-dataview">TABLE status FROM' in html


def test_tasks_and_dataviewjs_blocks_are_named_too_and_other_code_is_not():
    html = render_markdown("```tasks\nnot done\n```\n\n```dataviewjs\ndv.list()\n```\n\n"
                           "```python\nx = 1\n```\n")
    assert html.count('class="plugin-note"') == 2
    assert "A Tasks query:" in html and "A Dataview script:" in html
    assert '<code class="language-python">x = 1' in html
