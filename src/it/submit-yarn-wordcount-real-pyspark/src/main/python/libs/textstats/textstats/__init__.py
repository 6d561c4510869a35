"""A stand-in for a company library the job needs on every executor."""
import re

__version__ = "0.2.0"

_WORD = re.compile(r"[a-z0-9']+")


def words(line):
    return _WORD.findall(line.lower())
