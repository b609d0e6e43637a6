"""Obsidian-flavoured Markdown: the syntax plugins for markdown-it, and how links resolve
across a vault.

Parsing (``comments``, ``callouts``, ``blockids``, ``wikilinks``, ``highlights``, ``tags``)
never depends on where a note is; everything that needs the vault (link targets, embeds,
tag pages, attachments) goes through a ``Linker`` passed in the render environment.
"""
