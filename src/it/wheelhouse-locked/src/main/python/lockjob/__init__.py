"""A job whose environment comes from its lock."""


def main():
    import dep

    print("dep %s" % dep.VERSION)
