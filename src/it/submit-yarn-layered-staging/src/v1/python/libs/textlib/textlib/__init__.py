VERSION = "0.1"


def words(line):
    return line.split()
