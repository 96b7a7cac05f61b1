"""The one error type the UI and the command line turn into a one-line message."""


class QariError(Exception):
    """A failure the user can understand and act on; ``str(err)`` is the message."""


class LoadError(QariError):
    """A document could not be read (missing, binary, empty, too large, undecodable)."""
