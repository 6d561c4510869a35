import corelib


def words(text):
    return corelib.normalize(text).split()
