"""Errors the CLI turns into one clear line and an exit code, never a traceback."""


class PressMTError(Exception):
    """A problem the user can fix (bad input, bad configuration); exit code 2 at the CLI."""


class InputError(PressMTError):
    """A malformed input file; the message names the file and, where known, the line."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {reason}")
        self.path = str(path)
        self.line = line
        self.reason = reason


class NotRussian(InputError):
    """A readable document that is not Russian (an English README in a releases folder): skipped,
    not failed, since there is nothing to translate."""


class ModelNotAvailable(PressMTError):
    """A configured model is neither a local folder nor in the Hugging Face cache, and we are offline."""


class UsageError(PressMTError):
    """A wrong option or an unusable environment (OUT not writable or locked, disk full): exit 2,
    raised before any work where it can be known in advance."""


class Interrupted(BaseException):
    """SIGINT or SIGTERM stopped a run after its report was written; the CLI exits 128 + signal.
    A BaseException, like KeyboardInterrupt, so no `except Exception` swallows it."""

    def __init__(self, signum: int, message: str) -> None:
        super().__init__(message)
        self.signum = signum
