def normalize(text):
    return " ".join(text.lower().split())
