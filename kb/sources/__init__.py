"""The help articles as published, kept verbatim for reference (a package so that they ship)."""
