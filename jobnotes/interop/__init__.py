"""jobnotes among other tools: exports (CSV, JSON, calendar, printable report), the
spreadsheet import, JSON Schemas for editors, and the redacted copy of a vault."""
