import sys

from textlib import count_words


def run():
    counts = count_words(" ".join(sys.argv[1:]))
    print("counts:", sorted(counts.items()))
    return 3 if "fail" in counts else 0
