from setuptools import Extension, setup

setup(name="broken-native", version="0.1", ext_modules=[Extension("broken", ["broken.c"])])
