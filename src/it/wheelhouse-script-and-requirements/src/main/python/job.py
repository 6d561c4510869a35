import sys

import helperlib

if __name__ == "__main__":
    print(helperlib.greet(sys.argv[1]))
