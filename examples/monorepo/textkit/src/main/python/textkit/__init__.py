"""The monorepo example's Python library: word counting the company way."""
import re

_WORD = re.compile(r"[a-z0-9']+")


def words(line):
    return _WORD.findall(line.lower())


def shout(word):
    return word.upper() + "!"
