def main():
    print("a job for Python 3.8 nodes")
