"""The static site: which pages exist and their context (pages), the Jinja environment
(render), and writing the output folder safely (output)."""
