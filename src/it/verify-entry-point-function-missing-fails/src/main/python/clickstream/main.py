def main():
    return 0


def run_function():
    return 0
