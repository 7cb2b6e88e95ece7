"""Errors of the type layer."""


class ExportDataError(Exception):
    """Export data orch cannot read: names the archive and what is wrong."""
