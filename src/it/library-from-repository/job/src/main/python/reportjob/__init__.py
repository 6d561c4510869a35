import reportkit


def main():
    print(reportkit.title("monthly report"))
