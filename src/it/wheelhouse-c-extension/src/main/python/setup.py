from setuptools import setup

setup(
    name="cjob",
    version="2.0",
    packages=["cjob"],
    install_requires=["fastsum"],
    entry_points={"console_scripts": ["cjob = cjob.app:main"]},
)
