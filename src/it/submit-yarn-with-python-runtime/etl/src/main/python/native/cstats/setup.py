from setuptools import Extension, setup

setup(name="cstats", version="0.3", ext_modules=[Extension("cstats", ["cstats.c"])])
