import os
import time
import unittest

from pyspark.sql import SparkSession

import report


class ReportTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.spark = SparkSession.builder.master("local[2]").appName("report-tests").getOrCreate()

    @classmethod
    def tearDownClass(cls):
        cls.spark.stop()

    def test_totals_per_region(self):
        self.assertEqual(report.totals(self.spark), {"north": 7, "south": 5})

    def test_fails_on_purpose(self):
        self.assertEqual(report.totals(self.spark)["north"], 8, "north sold 7, not 8")


class HangTest(unittest.TestCase):

    @unittest.skipUnless(os.environ.get("REPORT_TEST_HANGS"), "hangs only when asked to")
    def test_hangs(self):
        time.sleep(600)
