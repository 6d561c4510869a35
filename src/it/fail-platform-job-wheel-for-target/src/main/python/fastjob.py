import fastsum


def main():
    print(fastsum)
