"""textkit's own tests: no test dependencies are declared, so pyspark:test runs them with stdlib unittest, in an
environment built from the library's wheel as a job's would be."""
import unittest

import textkit


class TextkitTest(unittest.TestCase):

    def test_words_are_lower_case_and_keep_apostrophes(self):
        self.assertEqual(textkit.words("To be, or NOT to be: that's it"),
                         ["to", "be", "or", "not", "to", "be", "that's", "it"])

    def test_shout(self):
        self.assertEqual(textkit.shout("be"), "BE!")

    def test_it_is_the_installed_wheel(self):
        self.assertIn("site-packages", textkit.__file__)
