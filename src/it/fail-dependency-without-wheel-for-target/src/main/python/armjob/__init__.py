import slowmath


def main():
    print(slowmath.VERSION)
