"""Job descriptions as data: skills found in ``## Job description``, a match score
against the user's own skills, and interview preparation.

Pure functions over the model, like ``jobnotes.analysis``; nothing here reads files
except the shipped vocabulary (``skills.tsv``).
"""
