import privlib


def main():
    print(privlib.ANSWER)
