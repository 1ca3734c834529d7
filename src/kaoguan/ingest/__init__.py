"""Turn documents (text, Word, PDF, HTML) into a Bank.

Public API (the ingest helper fills it in):
- import_path(path) -> Bank
- import_bytes(data, filename) -> Bank
- DocumentError: a file that cannot be read as a document; its message names the file and the reason.
"""
