import sys

from fastsum import add


def main():
    print("sum:", add(int(sys.argv[1]), int(sys.argv[2])))
