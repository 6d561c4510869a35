from setuptools import Extension, setup

# the job itself has a C extension: its wheel is for this machine only
setup(name="fastjob", version="1.0", py_modules=["fastjob"], ext_modules=[Extension("fastsum", ["fastsum.c"])],
      entry_points={"console_scripts": ["fastjob = fastjob:main"]})
