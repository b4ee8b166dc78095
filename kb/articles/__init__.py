"""Data files of the knowledge base (a package so that they ship with it)."""
