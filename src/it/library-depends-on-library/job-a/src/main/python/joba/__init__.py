import textkit


def main():
    print(textkit.words("A  b"))
