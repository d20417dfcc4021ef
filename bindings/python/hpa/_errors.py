"""The exception hierarchy of the hpa package.

Every failure of the C library (a negative ``HPA_E*`` code and its error
record) is raised as one of these classes; nothing returns a status code.
The C extension calls :func:`make_error` (registered at import) to build them.
"""

from __future__ import annotations

from typing import Any, List, Optional

# Return codes of include/hpa/errors.h (stable numbers).
OK = 0
ERROR = -1
ENOMEM = -2
EINVAL = -3
ESYNTAX = -4
ETYPE = -5
ERANGE = -6
EMISSING = -7
EUNKNOWNFIELD = -8
EUNSUPPORTED = -9
EVALIDATION = -10
ELIMIT = -11
EIO = -12
ENOTFOUND = -13
ITEROVER = -14
EDUPLICATE = -15
EUSAGE = -16

CODE_NAMES = {
    ERROR: "HPA_ERROR", ENOMEM: "HPA_ENOMEM", EINVAL: "HPA_EINVAL", ESYNTAX: "HPA_ESYNTAX",
    ETYPE: "HPA_ETYPE", ERANGE: "HPA_ERANGE", EMISSING: "HPA_EMISSING",
    EUNKNOWNFIELD: "HPA_EUNKNOWNFIELD", EUNSUPPORTED: "HPA_EUNSUPPORTED",
    EVALIDATION: "HPA_EVALIDATION", ELIMIT: "HPA_ELIMIT", EIO: "HPA_EIO",
    ENOTFOUND: "HPA_ENOTFOUND", ITEROVER: "HPA_ITEROVER", EDUPLICATE: "HPA_EDUPLICATE",
    EUSAGE: "HPA_EUSAGE",
}


class Error(Exception):
    """A libhpa failure. ``str(e)`` is ``source:line:column: path: message``.

    Attributes: ``code`` (negative ``HPA_E*`` number), ``code_name``
    (``"HPA_ESYNTAX"``...), ``message``, ``line`` and ``column`` (1-based, 0 =
    unknown), ``offset`` (0-based byte offset or None), ``document``
    (0-based index in the stream), ``path`` (field path, kubectl syntax) and
    ``source`` (file name or ``<string>``).
    """

    def __init__(self, message: str, code: int = ERROR, line: int = 0, column: int = 0,
                 offset: Optional[int] = None, document: int = 0, path: str = "",
                 source: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.line = line
        self.column = column
        self.offset = offset
        self.document = document
        self.path = path
        self.source = source

    @property
    def code_name(self) -> str:
        return CODE_NAMES.get(self.code, "HPA_ERROR")

    def __str__(self) -> str:
        # the same layout as hpa_error_format(): omit the unknown parts
        parts = []
        if self.source:
            where = self.source
            if self.line:
                where += ":%d" % self.line
                if self.column:
                    where += ":%d" % self.column
            parts.append(where)
        elif self.line:
            parts.append("line %d" % self.line + (":%d" % self.column if self.column else ""))
        if self.path:
            parts.append(self.path)
        text = ": ".join(parts + [self.message])
        if self.document:
            text += " (document %d)" % (self.document + 1)
        return text

    def __repr__(self) -> str:
        return "%s(%r, code=%s, line=%d, column=%d, path=%r, source=%r)" % (
            type(self).__name__, self.message, self.code_name, self.line, self.column,
            self.path, self.source)

    def __reduce__(self) -> Any:
        return (type(self), (self.message, self.code, self.line, self.column, self.offset,
                             self.document, self.path, self.source))


class ParseError(Error, ValueError):
    """Input that is not well-formed or does not fit the schema: syntax, type,
    range, missing field, unknown field (strict), duplicate key."""


class ValidationError(Error, ValueError):
    """A semantic (API-server) rule is violated. ``findings`` lists the
    diagnostics when the error comes from a validation run."""

    findings: List[Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        findings = kwargs.pop("findings", None)
        super().__init__(*args, **kwargs)
        self.findings = list(findings or [])


class LimitError(Error):
    """A configured limit (depth, size, documents, aliases, metrics) was exceeded."""


class NotFoundError(Error, LookupError):
    """No such object, field or entry."""


class UnsupportedError(Error):
    """Unsupported apiVersion/kind or feature."""


class InvalidArgumentError(Error, ValueError):
    """An invalid argument or option."""


class OutOfMemoryError(Error, MemoryError):
    """The C library ran out of memory (HPA_ENOMEM)."""


class InputOutputError(Error, OSError):
    """Reading or writing failed (HPA_EIO)."""


class UsageError(Error):
    """Command-line usage error."""


_CLASSES = {
    ESYNTAX: ParseError, ETYPE: ParseError, ERANGE: ParseError, EMISSING: ParseError,
    EUNKNOWNFIELD: ParseError, EDUPLICATE: ParseError,
    EVALIDATION: ValidationError, ELIMIT: LimitError, ENOTFOUND: NotFoundError,
    EUNSUPPORTED: UnsupportedError, EINVAL: InvalidArgumentError, ENOMEM: OutOfMemoryError,
    EIO: InputOutputError, EUSAGE: UsageError,
}


def error_class(code: int) -> type:
    """The exception class raised for a return code."""
    return _CLASSES.get(code, Error)


def make_error(code: int, message: str, line: int = 0, column: int = 0, offset: int = -1,
               document: int = 0, path: str = "", source: str = "") -> Error:
    """Build the exception for an error record (called by the C extension)."""
    cls = _CLASSES.get(code, Error)
    return cls(message, code, line, column, None if offset < 0 else offset, document, path, source)
