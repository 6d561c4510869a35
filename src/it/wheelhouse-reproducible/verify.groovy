import java.time.LocalDateTime
import java.util.zip.ZipFile

def first = new File(basedir, 'target/repro-1.0-wheelhouse.zip')
def second = new File(basedir, 'target/repro-1.0-again.zip')
assert first.bytes == second.bytes : 'two builds of the same inputs differ'
def log = new File(basedir, 'build.log').text
assert log.count('-m pip wheel') == 2 : 'pip did not run twice'

// every entry carries the outputTimestamp 2026-01-02T03:04:06Z, whatever the build machine's zone
def zip = new ZipFile(first)
def names = zip.entries().collect { it.name }
assert names == names.toSorted()
zip.entries().each { e ->
    assert e.timeLocal == LocalDateTime.of(2026, 1, 2, 3, 4, 6) : "${e.name}: ${e.timeLocal}"
}

// modes are normalised: the runner is executable, the rest is not (read with Python's zipfile)
def script = 'import sys, zipfile\nfor i in zipfile.ZipFile(sys.argv[1]).infolist(): print(i.filename, oct(i.external_attr >> 16), len(i.extra))'
def p = new ProcessBuilder(python, '-c', script, first.path).redirectErrorStream(true).start()
def lines = p.inputStream.readLines()
assert p.waitFor() == 0 : lines
assert lines.size() == names.size()
lines.each { line ->
    def (name, mode, extra) = line.split(' ')
    assert mode == (name in ['runner.py', 'bootstrap/python'] ? '0o100755' : '0o100644') : line
    assert extra == '0' : "extra fields in $line"
}
return true
