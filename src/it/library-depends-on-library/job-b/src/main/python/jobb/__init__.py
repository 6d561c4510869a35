import corelib
import textkit


def main():
    print(corelib.normalize("C"), textkit.words("d"))
