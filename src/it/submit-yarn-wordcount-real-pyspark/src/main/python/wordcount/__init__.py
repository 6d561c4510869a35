"""The example PySpark job of pyspark-maven-plugin."""
