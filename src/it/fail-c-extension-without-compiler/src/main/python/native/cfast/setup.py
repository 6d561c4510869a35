from setuptools import Extension, setup

setup(name="cfast", version="0.1", ext_modules=[Extension("cfast", ["cfast.c"])])
