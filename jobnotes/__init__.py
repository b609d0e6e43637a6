"""jobnotes: Markdown job-application notes in, a validated dashboard site out."""

__version__ = "0.1.0"
