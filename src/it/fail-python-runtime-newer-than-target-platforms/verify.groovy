def log = new File(basedir, 'build.log').text
assert log.contains('<targetPlatforms> manylinux2014_x86_64 stands for nodes with glibc 2.17, but the Python runtime '
        + 'org.bytedeco:cpython:3.12.1-1.5.10:jar:linux-x86_64 (CPython 3.12, glibc 2.30+, x86_64) needs glibc 2.30: '
        + 'choose a runtime built for older systems') : log
assert log.contains('manylinux_2_30_x86_64')
assert !log.contains(' -m pip wheel ') : 'pip must not start'
return true
