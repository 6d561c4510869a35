import fastmath
import purehelp


def main():
    print(fastmath.add(1, 2), purehelp.NAME)
