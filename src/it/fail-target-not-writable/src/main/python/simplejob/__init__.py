def main():
    print("simplejob ran")
